# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_print.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QDialog,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QRadioButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_RegisterPrintDialog(object):
    def setupUi(self, RegisterPrintDialog):
        if not RegisterPrintDialog.objectName():
            RegisterPrintDialog.setObjectName(u"RegisterPrintDialog")
        RegisterPrintDialog.resize(580, 420)
        RegisterPrintDialog.setMinimumSize(QSize(520, 0))
        self.main_layout = QVBoxLayout(RegisterPrintDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.title_label = QLabel(RegisterPrintDialog)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setStyleSheet(u"font-size: 15px; font-weight: bold;")
        self.title_label.setWordWrap(True)

        self.main_layout.addWidget(self.title_label)

        self.source_label = QLabel(RegisterPrintDialog)
        self.source_label.setObjectName(u"source_label")
        self.source_label.setStyleSheet(u"color: #555;")
        self.source_label.setWordWrap(True)

        self.main_layout.addWidget(self.source_label)

        self.period_box = QGroupBox(RegisterPrintDialog)
        self.period_box.setObjectName(u"period_box")
        self.period_grid = QGridLayout(self.period_box)
        self.period_grid.setObjectName(u"period_grid")
        self.period_grid.setHorizontalSpacing(10)
        self.period_grid.setVerticalSpacing(8)
        self.current_radio = QRadioButton(self.period_box)
        self.current_radio.setObjectName(u"current_radio")
        self.current_radio.setChecked(True)

        self.period_grid.addWidget(self.current_radio, 0, 0, 1, 1)

        self.current_label = QLabel(self.period_box)
        self.current_label.setObjectName(u"current_label")
        self.current_label.setWordWrap(True)

        self.period_grid.addWidget(self.current_label, 0, 1, 1, 1)

        self.term_radio = QRadioButton(self.period_box)
        self.term_radio.setObjectName(u"term_radio")

        self.period_grid.addWidget(self.term_radio, 1, 0, 1, 1)

        self.term_combo = QComboBox(self.period_box)
        self.term_combo.setObjectName(u"term_combo")
        self.term_combo.setEnabled(False)
        self.term_combo.setMinimumSize(QSize(260, 0))

        self.period_grid.addWidget(self.term_combo, 1, 1, 1, 1)

        self.range_radio = QRadioButton(self.period_box)
        self.range_radio.setObjectName(u"range_radio")

        self.period_grid.addWidget(self.range_radio, 2, 0, 1, 1)

        self.range_row = QHBoxLayout()
        self.range_row.setSpacing(6)
        self.range_row.setObjectName(u"range_row")
        self.start_edit = QDateEdit(self.period_box)
        self.start_edit.setObjectName(u"start_edit")
        self.start_edit.setEnabled(False)
        self.start_edit.setCalendarPopup(True)

        self.range_row.addWidget(self.start_edit)

        self.to_label = QLabel(self.period_box)
        self.to_label.setObjectName(u"to_label")

        self.range_row.addWidget(self.to_label)

        self.end_edit = QDateEdit(self.period_box)
        self.end_edit.setObjectName(u"end_edit")
        self.end_edit.setEnabled(False)
        self.end_edit.setCalendarPopup(True)

        self.range_row.addWidget(self.end_edit)

        self.range_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.range_row.addItem(self.range_spacer)


        self.period_grid.addLayout(self.range_row, 2, 1, 1, 1)

        self.span_label = QLabel(self.period_box)
        self.span_label.setObjectName(u"span_label")
        self.span_label.setStyleSheet(u"color: #1f4e79;")
        self.span_label.setWordWrap(True)

        self.period_grid.addWidget(self.span_label, 3, 0, 1, 2)


        self.main_layout.addWidget(self.period_box)

        self.roster_note = QLabel(RegisterPrintDialog)
        self.roster_note.setObjectName(u"roster_note")
        self.roster_note.setWordWrap(True)

        self.main_layout.addWidget(self.roster_note)

        self.format_box = QGroupBox(RegisterPrintDialog)
        self.format_box.setObjectName(u"format_box")
        self.format_row = QHBoxLayout(self.format_box)
        self.format_row.setSpacing(24)
        self.format_row.setObjectName(u"format_row")
        self.pdf_radio = QRadioButton(self.format_box)
        self.pdf_radio.setObjectName(u"pdf_radio")
        self.pdf_radio.setChecked(True)

        self.format_row.addWidget(self.pdf_radio)

        self.xlsx_radio = QRadioButton(self.format_box)
        self.xlsx_radio.setObjectName(u"xlsx_radio")

        self.format_row.addWidget(self.xlsx_radio)

        self.format_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.format_row.addItem(self.format_spacer)


        self.main_layout.addWidget(self.format_box)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.button_spacer)

        self.save_button = QPushButton(RegisterPrintDialog)
        self.save_button.setObjectName(u"save_button")

        self.button_row.addWidget(self.save_button)

        self.cancel_button = QPushButton(RegisterPrintDialog)
        self.cancel_button.setObjectName(u"cancel_button")

        self.button_row.addWidget(self.cancel_button)


        self.main_layout.addLayout(self.button_row)

        QWidget.setTabOrder(self.current_radio, self.term_radio)
        QWidget.setTabOrder(self.term_radio, self.term_combo)
        QWidget.setTabOrder(self.term_combo, self.range_radio)
        QWidget.setTabOrder(self.range_radio, self.start_edit)
        QWidget.setTabOrder(self.start_edit, self.end_edit)
        QWidget.setTabOrder(self.end_edit, self.pdf_radio)
        QWidget.setTabOrder(self.pdf_radio, self.xlsx_radio)
        QWidget.setTabOrder(self.xlsx_radio, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)

        self.retranslateUi(RegisterPrintDialog)

        self.save_button.setDefault(True)


        QMetaObject.connectSlotsByName(RegisterPrintDialog)
    # setupUi

    def retranslateUi(self, RegisterPrintDialog):
        RegisterPrintDialog.setWindowTitle(QCoreApplication.translate("RegisterPrintDialog", u"\u6253\u5370\u540d\u518c", None))
        self.period_box.setTitle(QCoreApplication.translate("RegisterPrintDialog", u"\u7edf\u8ba1\u671f\u95f4", None))
        self.current_radio.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u5f53\u524d\u5b66\u671f", None))
#if QT_CONFIG(tooltip)
        self.current_radio.setToolTip(QCoreApplication.translate("RegisterPrintDialog", u"\u5f00\u5b66\u671f\u95f4\u4e3a\u672c\u5b66\u671f\uff1b\u5047\u671f\u4e2d\u4e3a\u521a\u7ed3\u675f\u7684\u5b66\u671f", None))
#endif // QT_CONFIG(tooltip)
        self.term_radio.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u5176\u4ed6\u5b66\u671f", None))
#if QT_CONFIG(accessibility)
        self.term_combo.setAccessibleName(QCoreApplication.translate("RegisterPrintDialog", u"\u5b66\u671f", None))
#endif // QT_CONFIG(accessibility)
        self.range_radio.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u65e5\u671f\u533a\u95f4", None))
        self.start_edit.setDisplayFormat(QCoreApplication.translate("RegisterPrintDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.start_edit.setAccessibleName(QCoreApplication.translate("RegisterPrintDialog", u"\u5f00\u59cb\u65e5\u671f", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.start_edit.setToolTip(QCoreApplication.translate("RegisterPrintDialog", u"\u5f00\u59cb\u65e5\u671f\uff1a\u7edf\u8ba1\u671f\u95f4\u7684\u7b2c\u4e00\u5929", None))
#endif // QT_CONFIG(tooltip)
        self.to_label.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u81f3", None))
        self.end_edit.setDisplayFormat(QCoreApplication.translate("RegisterPrintDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.end_edit.setAccessibleName(QCoreApplication.translate("RegisterPrintDialog", u"\u7ed3\u675f\u65e5\u671f", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.end_edit.setToolTip(QCoreApplication.translate("RegisterPrintDialog", u"\u7ed3\u675f\u65e5\u671f\uff1a\u7edf\u8ba1\u671f\u95f4\u7684\u6700\u540e\u4e00\u5929\uff08\u542b\u5f53\u5929\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.roster_note.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u672c\u540d\u518c\u6309\u6253\u5370\u5f53\u65e5\u5404\u73ed\u5728\u7c4d\u7684\u5b66\u751f\u7f16\u5236\uff0c\u4e0d\u6309\u671f\u95f4\u7edf\u8ba1\uff1b\u8868\u5934\u5199\u5f53\u524d\u5b66\u671f\u3002", None))
        self.format_box.setTitle(QCoreApplication.translate("RegisterPrintDialog", u"\u8f93\u51fa\u683c\u5f0f", None))
        self.pdf_radio.setText(QCoreApplication.translate("RegisterPrintDialog", u"PDF\uff08\u6253\u5370\u3001\u5b58\u6863\uff09", None))
        self.xlsx_radio.setText(QCoreApplication.translate("RegisterPrintDialog", u"Excel \u5de5\u4f5c\u7c3f\uff08.xlsx\uff09", None))
        self.save_button.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u4fdd\u5b58\u2026", None))
#if QT_CONFIG(tooltip)
        self.save_button.setToolTip(QCoreApplication.translate("RegisterPrintDialog", u"\u9009\u62e9\u4fdd\u5b58\u4f4d\u7f6e\uff0c\u751f\u6210\u540d\u518c\uff1bPDF \u751f\u6210\u540e\u81ea\u52a8\u6253\u5f00", None))
#endif // QT_CONFIG(tooltip)
        self.cancel_button.setText(QCoreApplication.translate("RegisterPrintDialog", u"\u53d6\u6d88", None))
    # retranslateUi

