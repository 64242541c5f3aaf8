# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_confirm_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QLabel, QSizePolicy, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_ConfirmPage(object):
    def setupUi(self, ConfirmPage):
        if not ConfirmPage.objectName():
            ConfirmPage.setObjectName(u"ConfirmPage")
        self.column = QVBoxLayout(ConfirmPage)
        self.column.setObjectName(u"column")
        self.summary = QLabel(ConfirmPage)
        self.summary.setObjectName(u"summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)

        self.column.addWidget(self.summary)


        self.retranslateUi(ConfirmPage)

        QMetaObject.connectSlotsByName(ConfirmPage)
    # setupUi

    def retranslateUi(self, ConfirmPage):
        ConfirmPage.setTitle(QCoreApplication.translate("ConfirmPage", u"\u786e\u8ba4", None))
        ConfirmPage.setSubTitle(QCoreApplication.translate("ConfirmPage", u"\u70b9\u51fb\u201c\u5b8c\u6210\u201d\u5efa\u7acb\u5b66\u6821\u6570\u636e\u5e93\u3002", None))
    # retranslateUi

