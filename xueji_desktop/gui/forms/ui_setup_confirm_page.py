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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
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

        self.backup_folder_row = QHBoxLayout()
        self.backup_folder_row.setObjectName(u"backup_folder_row")
        self.backup_folder_label = QLabel(ConfirmPage)
        self.backup_folder_label.setObjectName(u"backup_folder_label")

        self.backup_folder_row.addWidget(self.backup_folder_label)

        self.backup_folder = QLineEdit(ConfirmPage)
        self.backup_folder.setObjectName(u"backup_folder")

        self.backup_folder_row.addWidget(self.backup_folder)

        self.backup_folder_button = QPushButton(ConfirmPage)
        self.backup_folder_button.setObjectName(u"backup_folder_button")

        self.backup_folder_row.addWidget(self.backup_folder_button)

        self.backup_folder_row.setStretch(1, 1)

        self.column.addLayout(self.backup_folder_row)

        self.backup_note = QLabel(ConfirmPage)
        self.backup_note.setObjectName(u"backup_note")
        self.backup_note.setWordWrap(True)

        self.column.addWidget(self.backup_note)

        self.confirm_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.confirm_bottom)

#if QT_CONFIG(shortcut)
        self.backup_folder_label.setBuddy(self.backup_folder)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ConfirmPage)

        QMetaObject.connectSlotsByName(ConfirmPage)
    # setupUi

    def retranslateUi(self, ConfirmPage):
        ConfirmPage.setTitle(QCoreApplication.translate("ConfirmPage", u"\u786e\u8ba4", None))
        ConfirmPage.setSubTitle(QCoreApplication.translate("ConfirmPage", u"\u70b9\u51fb\u201c\u5b8c\u6210\u201d\u5efa\u7acb\u5b66\u6821\u6570\u636e\u5e93\u3002", None))
        self.backup_folder_label.setText(QCoreApplication.translate("ConfirmPage", u"\u5907\u4efd\u6587\u4ef6\u5939\uff1a", None))
        self.backup_folder_button.setText(QCoreApplication.translate("ConfirmPage", u"\u9009\u62e9\u2026", None))
        self.backup_note.setText(QCoreApplication.translate("ConfirmPage", u"\u6bcf\u5929\u7b2c\u4e00\u6b21\u6253\u5f00\u7a0b\u5e8f\u65f6\u81ea\u52a8\u5907\u4efd\u5230\u8fd9\u91cc\uff0c\u6062\u590d\u3001\u5347\u5e74\u7ea7\u7b49\u64cd\u4f5c\u4e4b\u524d\u4e5f\u5148\u5907\u4efd\u3002\u6700\u597d\u9009\u53e6\u4e00\u5757\u786c\u76d8\u4e0a\u7684\u6587\u4ef6\u5939\uff08\u5982 D:\\\u5b66\u7c4d\u5907\u4efd\uff09\uff1a\u786c\u76d8\u574f\u4e86\uff0c\u5907\u4efd\u8fd8\u5728\u3002\u4ee5\u540e\u53ef\u5728\u201c\u6587\u4ef6 \u2192 \u5907\u4efd\u4e0e\u6062\u590d\u201d\u4e2d\u66f4\u6539\u3002", None))
    # retranslateUi

