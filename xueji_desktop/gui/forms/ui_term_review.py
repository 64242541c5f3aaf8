# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'term_review.ui'
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
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_TermReviewDialog(object):
    def setupUi(self, TermReviewDialog):
        if not TermReviewDialog.objectName():
            TermReviewDialog.setObjectName(u"TermReviewDialog")
        TermReviewDialog.resize(1040, 640)
        self.outer = QVBoxLayout(TermReviewDialog)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(TermReviewDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.state = QLabel(TermReviewDialog)
        self.state.setObjectName(u"state")
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.setWordWrap(True)

        self.outer.addWidget(self.state)

        self.summary = QLabel(TermReviewDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)

        self.outer.addWidget(self.summary)

        self.table = QTableWidget(TermReviewDialog)
        if (self.table.columnCount() < 5):
            self.table.setColumnCount(5)
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
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.verticalHeader().setVisible(False)

        self.outer.addWidget(self.table)

        self.hint = QLabel(TermReviewDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setEnabled(False)

        self.outer.addWidget(self.hint)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.note_label = QLabel(TermReviewDialog)
        self.note_label.setObjectName(u"note_label")

        self.buttons.addWidget(self.note_label)

        self.note = QLineEdit(TermReviewDialog)
        self.note.setObjectName(u"note")

        self.buttons.addWidget(self.note)

        self.note_gap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.note_gap)

        self.print_button = QPushButton(TermReviewDialog)
        self.print_button.setObjectName(u"print_button")

        self.buttons.addWidget(self.print_button)

        self.done_button = QPushButton(TermReviewDialog)
        self.done_button.setObjectName(u"done_button")

        self.buttons.addWidget(self.done_button)

        self.close_button = QPushButton(TermReviewDialog)
        self.close_button.setObjectName(u"close_button")

        self.buttons.addWidget(self.close_button)

        self.buttons.setStretch(1, 1)

        self.outer.addLayout(self.buttons)

        self.outer.setStretch(3, 1)

        self.retranslateUi(TermReviewDialog)

        QMetaObject.connectSlotsByName(TermReviewDialog)
    # setupUi

    def retranslateUi(self, TermReviewDialog):
        TermReviewDialog.setWindowTitle(QCoreApplication.translate("TermReviewDialog", u"\u6bcf\u5b66\u671f\u590d\u6838", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("TermReviewDialog", u"\u7c7b\u522b", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("TermReviewDialog", u"\u73ed\u7ea7", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("TermReviewDialog", u"\u59d3\u540d", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("TermReviewDialog", u"\u5b66\u7c4d\u53f7", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("TermReviewDialog", u"\u95ee\u9898\u53ca\u5904\u7406", None))
        self.hint.setText(QCoreApplication.translate("TermReviewDialog", u"\u53cc\u51fb\u4e00\u884c\uff1a\u5b66\u751f\u95ee\u9898\u5728\u201c\u5b66\u751f\u540d\u5355\u201d\u4e2d\u9009\u4e2d\u8be5\u751f\uff0c\u7533\u8bf7\u95ee\u9898\u6253\u5f00\u7533\u8bf7\u9875\u9762\u3002", None))
        self.note_label.setText(QCoreApplication.translate("TermReviewDialog", u"\u5907\u6ce8\uff1a", None))
        self.note.setPlaceholderText(QCoreApplication.translate("TermReviewDialog", u"\u5907\u6ce8\uff08\u53ef\u4e0d\u586b\uff09\uff0c\u5982\uff1a\u4e34\u65f6\u5b66\u7c4d\u53f7\u5b66\u751f\u5df2\u62a5\u516c\u5b89\u6838\u9a8c", None))
#if QT_CONFIG(tooltip)
        self.print_button.setToolTip(QCoreApplication.translate("TermReviewDialog", u"\u628a\u5b66\u7c4d\u6bcf\u5b66\u671f\u590d\u6838\u8868\u4fdd\u5b58\u4e3a PDF \u5e76\u6253\u5f00\uff0c\u7b7e\u5b57\u76d6\u7ae0\u540e\u5b58\u6863", None))
#endif // QT_CONFIG(tooltip)
        self.print_button.setText(QCoreApplication.translate("TermReviewDialog", u"\u590d\u6838\u8868\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.done_button.setText(QCoreApplication.translate("TermReviewDialog", u"\u8bb0\u5f55\u672c\u5b66\u671f\u590d\u6838\u5b8c\u6210", None))
        self.close_button.setText(QCoreApplication.translate("TermReviewDialog", u"\u5173\u95ed", None))
    # retranslateUi

