# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'rules.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHeaderView, QLabel, QSizePolicy, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_RulesDialog(object):
    def setupUi(self, RulesDialog):
        if not RulesDialog.objectName():
            RulesDialog.setObjectName(u"RulesDialog")
        RulesDialog.resize(1200, 660)
        self.column = QVBoxLayout(RulesDialog)
        self.column.setObjectName(u"column")
        self.heading = QLabel(RulesDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.column.addWidget(self.heading)

        self.tree = QTreeWidget(RulesDialog)
        self.tree.setObjectName(u"tree")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)

        self.column.addWidget(self.tree)

        self.buttons = QDialogButtonBox(RulesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.column.addWidget(self.buttons)


        self.retranslateUi(RulesDialog)

        QMetaObject.connectSlotsByName(RulesDialog)
    # setupUi

    def retranslateUi(self, RulesDialog):
        ___qtreewidgetitem = self.tree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("RulesDialog", u"\u4f9d\u636e", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("RulesDialog", u"\u6548\u529b", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("RulesDialog", u"\u672c\u5730\u533a\u53d6\u503c", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("RulesDialog", u"\u89c4\u5b9a", None))
        pass
    # retranslateUi

