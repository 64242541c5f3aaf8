# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'national_import.ui'
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
    QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_NationalImportDialog(object):
    def setupUi(self, NationalImportDialog):
        if not NationalImportDialog.objectName():
            NationalImportDialog.setObjectName(u"NationalImportDialog")
        NationalImportDialog.resize(1080, 620)
        NationalImportDialog.setMinimumSize(QSize(760, 460))
        self.outer = QVBoxLayout(NationalImportDialog)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(NationalImportDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.file_row = QHBoxLayout()
        self.file_row.setObjectName(u"file_row")
        self.file_label = QLabel(NationalImportDialog)
        self.file_label.setObjectName(u"file_label")

        self.file_row.addWidget(self.file_label)

        self.file_path = QLineEdit(NationalImportDialog)
        self.file_path.setObjectName(u"file_path")
        self.file_path.setReadOnly(True)

        self.file_row.addWidget(self.file_path)

        self.choose_button = QPushButton(NationalImportDialog)
        self.choose_button.setObjectName(u"choose_button")
        self.choose_button.setAutoDefault(False)

        self.file_row.addWidget(self.choose_button)

        self.recheck_button = QPushButton(NationalImportDialog)
        self.recheck_button.setObjectName(u"recheck_button")
        self.recheck_button.setAutoDefault(False)

        self.file_row.addWidget(self.recheck_button)

        self.file_row.setStretch(1, 1)

        self.outer.addLayout(self.file_row)

        self.summary_label = QLabel(NationalImportDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setStyleSheet(u"font-weight: bold;")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)

        self.outer.addWidget(self.summary_label)

        self.notes_label = QLabel(NationalImportDialog)
        self.notes_label.setObjectName(u"notes_label")
        self.notes_label.setStyleSheet(u"color: #5d6d7e;")
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setWordWrap(True)

        self.outer.addWidget(self.notes_label)

        self.legend_label = QLabel(NationalImportDialog)
        self.legend_label.setObjectName(u"legend_label")
        self.legend_label.setStyleSheet(u"color: #1f618d;")
        self.legend_label.setTextFormat(Qt.TextFormat.PlainText)
        self.legend_label.setWordWrap(True)

        self.outer.addWidget(self.legend_label)

        self.problems = QTableWidget(NationalImportDialog)
        if (self.problems.columnCount() < 7):
            self.problems.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.problems.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.problems.setObjectName(u"problems")
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setAlternatingRowColors(True)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.problems.setSortingEnabled(True)
        self.problems.setWordWrap(True)
        self.problems.horizontalHeader().setHighlightSections(False)
        self.problems.verticalHeader().setVisible(False)

        self.outer.addWidget(self.problems)

        self.progress_box = QWidget(NationalImportDialog)
        self.progress_box.setObjectName(u"progress_box")
        self.progress_row = QHBoxLayout(self.progress_box)
        self.progress_row.setObjectName(u"progress_row")
        self.progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self.progress_box)
        self.progress_label.setObjectName(u"progress_label")

        self.progress_row.addWidget(self.progress_label)

        self.progress = QProgressBar(self.progress_box)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.progress_row.addWidget(self.progress)

        self.cancel_button = QPushButton(self.progress_box)
        self.cancel_button.setObjectName(u"cancel_button")
        self.cancel_button.setAutoDefault(False)

        self.progress_row.addWidget(self.cancel_button)

        self.progress_row.setStretch(1, 1)

        self.outer.addWidget(self.progress_box)

        self.result_label = QLabel(NationalImportDialog)
        self.result_label.setObjectName(u"result_label")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)

        self.outer.addWidget(self.result_label)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.save_rejects_button = QPushButton(NationalImportDialog)
        self.save_rejects_button.setObjectName(u"save_rejects_button")
        self.save_rejects_button.setAutoDefault(False)

        self.button_row.addWidget(self.save_rejects_button)

        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.button_spacer)

        self.import_button = QPushButton(NationalImportDialog)
        self.import_button.setObjectName(u"import_button")
        self.import_button.setAutoDefault(False)

        self.button_row.addWidget(self.import_button)

        self.close_button = QPushButton(NationalImportDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.button_row.addWidget(self.close_button)

        self.button_row.setStretch(1, 1)

        self.outer.addLayout(self.button_row)

        self.outer.setStretch(5, 1)

        self.retranslateUi(NationalImportDialog)

        QMetaObject.connectSlotsByName(NationalImportDialog)
    # setupUi

    def retranslateUi(self, NationalImportDialog):
        NationalImportDialog.setWindowTitle(QCoreApplication.translate("NationalImportDialog", u"\u4ece\u5168\u56fd\u5b66\u7c4d\u7cfb\u7edf\u5bfc\u5165", None))
        self.intro.setText(QCoreApplication.translate("NationalImportDialog", u"\u9009\u62e9\u4ece\u5168\u56fd\u5b66\u7c4d\u7cfb\u7edf\u5bfc\u51fa\u7684\u5b66\u751f\u4fe1\u606f Excel \u6587\u4ef6\uff08.xls \u6216 .xlsx\uff0c\u4e5f\u53ef\u4ee5\u662f\u586b\u597d\u7684\u5bfc\u5165\u6a21\u677f\uff09\u3002\u7a0b\u5e8f\u5148\u9010\u884c\u68c0\u67e5\uff0c\u8fd9\u4e00\u6b65\u4e0d\u5199\u5165\u4efb\u4f55\u5185\u5bb9\uff1b\u770b\u8fc7\u4e0b\u9762\u7684\u95ee\u9898\u540e\uff0c\u518d\u70b9\u201c\u5bfc\u5165\u201d\u3002\u5df2\u5728\u672c\u6821\u5b66\u7c4d\u4e2d\u7684\u5b66\u751f\u4e0d\u4f1a\u91cd\u590d\u5bfc\u5165\u3002", None))
        self.file_label.setText(QCoreApplication.translate("NationalImportDialog", u"\u6587\u4ef6\uff1a", None))
        self.file_path.setPlaceholderText(QCoreApplication.translate("NationalImportDialog", u"\u5c1a\u672a\u9009\u62e9\u6587\u4ef6", None))
        self.choose_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u9009\u62e9\u6587\u4ef6\u2026", None))
#if QT_CONFIG(tooltip)
        self.choose_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u9009\u62e9\u5168\u56fd\u5b66\u7c4d\u7cfb\u7edf\u5bfc\u51fa\u7684 Excel \u6587\u4ef6\uff0c\u5e76\u68c0\u67e5\u5176\u4e2d\u6bcf\u4e00\u884c\uff08\u4e0d\u5199\u5165\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.recheck_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u91cd\u65b0\u68c0\u67e5", None))
#if QT_CONFIG(tooltip)
        self.recheck_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u5728 Excel \u4e2d\u6539\u8fc7\u8be5\u6587\u4ef6\u540e\uff0c\u91cd\u65b0\u8bfb\u53d6\u5e76\u68c0\u67e5\uff08\u4e0d\u5199\u5165\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.legend_label.setText(QCoreApplication.translate("NationalImportDialog", u"\u5904\u7406\uff1a\u201c\u7981\u6b62\u201d\u2014\u2014\u8be5\u884c\u6709\u9519\u8bef\uff0c\u4e0d\u5bfc\u5165\uff0c\u53ef\u70b9\u201c\u4fdd\u5b58\u95ee\u9898\u884c\u2026\u201d\u5f97\u5230\u8fd9\u4e9b\u884c\uff0c\u5728 Excel \u4e2d\u6539\u6b63\u540e\u518d\u5bfc\u5165\uff1b\u201c\u63d0\u9192\u201d\u2014\u2014\u8bf7\u6838\u5bf9\uff0c\u4f46\u8be5\u884c\u4ecd\u7136\u5bfc\u5165\u3002\u70b9\u5217\u6807\u9898\u53ef\u6392\u5e8f\u3002", None))
        ___qtablewidgetitem = self.problems.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("NationalImportDialog", u"\u5de5\u4f5c\u8868", None))
        ___qtablewidgetitem1 = self.problems.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("NationalImportDialog", u"\u884c", None))
        ___qtablewidgetitem2 = self.problems.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("NationalImportDialog", u"\u5217", None))
        ___qtablewidgetitem3 = self.problems.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("NationalImportDialog", u"\u5185\u5bb9", None))
        ___qtablewidgetitem4 = self.problems.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("NationalImportDialog", u"\u95ee\u9898", None))
        ___qtablewidgetitem5 = self.problems.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("NationalImportDialog", u"\u4f9d\u636e\uff08\u6761\u6b3e\uff09", None))
        ___qtablewidgetitem6 = self.problems.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("NationalImportDialog", u"\u5904\u7406", None))
        self.progress_label.setText(QCoreApplication.translate("NationalImportDialog", u"\u6b63\u5728\u5bfc\u5165\u2026", None))
        self.progress.setFormat(QCoreApplication.translate("NationalImportDialog", u"%v / %m", None))
        self.cancel_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u53d6\u6d88", None))
#if QT_CONFIG(tooltip)
        self.cancel_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u505c\u6b62\u5bfc\u5165\uff1a\u5df2\u5199\u5165\u7684\u90e8\u5206\u5168\u90e8\u64a4\u9500\uff0c\u4e0d\u5bfc\u5165\u4efb\u4f55\u5b66\u751f", None))
#endif // QT_CONFIG(tooltip)
        self.save_rejects_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u4fdd\u5b58\u95ee\u9898\u884c\u2026", None))
#if QT_CONFIG(tooltip)
        self.save_rejects_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u628a\u6709\u201c\u7981\u6b62\u201d\u95ee\u9898\u3001\u672a\u5bfc\u5165\u7684\u884c\u4fdd\u5b58\u4e3a Excel \u5de5\u4f5c\u7c3f\uff08\u9996\u5217\u201c\u95ee\u9898\u8bf4\u660e\u201d\uff0c\u51fa\u9519\u7684\u5355\u5143\u683c\u6807\u7ea2\uff09\uff0c\u6539\u6b63\u540e\u53ef\u518d\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
        self.import_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u5bfc\u5165", None))
#if QT_CONFIG(tooltip)
        self.import_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u628a\u53ef\u5bfc\u5165\u7684\u884c\u5199\u5165\u672c\u6821\u5b66\u7c4d\uff08\u4e00\u6b21\u5b8c\u6210\uff0c\u4e2d\u9014\u53d6\u6d88\u5219\u5168\u90e8\u4e0d\u5199\u5165\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("NationalImportDialog", u"\u5173\u95ed", None))
#if QT_CONFIG(tooltip)
        self.close_button.setToolTip(QCoreApplication.translate("NationalImportDialog", u"\u5173\u95ed\u6b64\u7a97\u53e3", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

