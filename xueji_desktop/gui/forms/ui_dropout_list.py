# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dropout_list.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_DropoutList(object):
    def setupUi(self, DropoutList):
        if not DropoutList.objectName():
            DropoutList.setObjectName(u"DropoutList")
        DropoutList.resize(1100, 560)
        self.outer = QVBoxLayout(DropoutList)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(DropoutList)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.table = QTableWidget(DropoutList)
        if (self.table.columnCount() < 6):
            self.table.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)

        self.outer.addWidget(self.table)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.handle_button = QPushButton(DropoutList)
        self.handle_button.setObjectName(u"handle_button")

        self.buttons.addWidget(self.handle_button)

        self.report_button = QPushButton(DropoutList)
        self.report_button.setObjectName(u"report_button")

        self.buttons.addWidget(self.report_button)

        self.buttons_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttons_gap)

        self.close_button = QPushButton(DropoutList)
        self.close_button.setObjectName(u"close_button")

        self.buttons.addWidget(self.close_button)

        self.buttons.setStretch(2, 1)

        self.outer.addLayout(self.buttons)

        self.outer.setStretch(1, 1)

        self.retranslateUi(DropoutList)

        QMetaObject.connectSlotsByName(DropoutList)
    # setupUi

    def retranslateUi(self, DropoutList):
        DropoutList.setWindowTitle(QCoreApplication.translate("DropoutList", u"\u63a7\u8f8d\u4fdd\u5b66\uff1a\u7591\u4f3c\u8f8d\u5b66\u3001\u8f8d\u5b66\u63d0\u793a", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("DropoutList", u"\u59d3\u540d", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("DropoutList", u"\u73ed\u7ea7", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("DropoutList", u"\u5b66\u7c4d\u72b6\u6001", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("DropoutList", u"\u8fde\u7eed\u65e0\u6545\u7f3a\u5e2d", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("DropoutList", u"\u5efa\u8bae", None))
        ___qtablewidgetitem5 = self.table.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("DropoutList", u"\u8ba4\u5b9a\u6761\u4ef6\u53ca\u4f9d\u636e", None))
        self.handle_button.setText(QCoreApplication.translate("DropoutList", u"\u529e\u7406\u6240\u9009\u2026", None))
        self.report_button.setText(QCoreApplication.translate("DropoutList", u"\u60c5\u51b5\u62a5\u544a\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.close_button.setText(QCoreApplication.translate("DropoutList", u"\u5173\u95ed", None))
    # retranslateUi

