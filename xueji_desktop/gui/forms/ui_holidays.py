# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'holidays.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QHBoxLayout,
    QLabel, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTextEdit, QVBoxLayout, QWidget)

class Ui_HolidaysDialog(object):
    def setupUi(self, HolidaysDialog):
        if not HolidaysDialog.objectName():
            HolidaysDialog.setObjectName(u"HolidaysDialog")
        HolidaysDialog.resize(960, 660)
        self.main_layout = QVBoxLayout(HolidaysDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(HolidaysDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.years_label = QLabel(HolidaysDialog)
        self.years_label.setObjectName(u"years_label")
        self.years_label.setTextFormat(Qt.TextFormat.RichText)
        self.years_label.setWordWrap(True)

        self.main_layout.addWidget(self.years_label)

        self.year_row = QHBoxLayout()
        self.year_row.setObjectName(u"year_row")
        self.year_label = QLabel(HolidaysDialog)
        self.year_label.setObjectName(u"year_label")

        self.year_row.addWidget(self.year_label)

        self.year_box = QComboBox(HolidaysDialog)
        self.year_box.setObjectName(u"year_box")
        self.year_box.setMinimumSize(QSize(220, 0))

        self.year_row.addWidget(self.year_box)

        self.source_label = QLabel(HolidaysDialog)
        self.source_label.setObjectName(u"source_label")
        self.source_label.setWordWrap(True)

        self.year_row.addWidget(self.source_label)

        self.year_row.setStretch(2, 1)

        self.main_layout.addLayout(self.year_row)

        self.boxes = QHBoxLayout()
        self.boxes.setObjectName(u"boxes")
        self.holidays_column = QVBoxLayout()
        self.holidays_column.setObjectName(u"holidays_column")
        self.holidays_label = QLabel(HolidaysDialog)
        self.holidays_label.setObjectName(u"holidays_label")

        self.holidays_column.addWidget(self.holidays_label)

        self.holidays_edit = QPlainTextEdit(HolidaysDialog)
        self.holidays_edit.setObjectName(u"holidays_edit")

        self.holidays_column.addWidget(self.holidays_edit)


        self.boxes.addLayout(self.holidays_column)

        self.working_column = QVBoxLayout()
        self.working_column.setObjectName(u"working_column")
        self.working_label = QLabel(HolidaysDialog)
        self.working_label.setObjectName(u"working_label")

        self.working_column.addWidget(self.working_label)

        self.working_edit = QPlainTextEdit(HolidaysDialog)
        self.working_edit.setObjectName(u"working_edit")

        self.working_column.addWidget(self.working_edit)


        self.boxes.addLayout(self.working_column)

        self.boxes.setStretch(0, 3)
        self.boxes.setStretch(1, 2)

        self.main_layout.addLayout(self.boxes)

        self.preview_label = QLabel(HolidaysDialog)
        self.preview_label.setObjectName(u"preview_label")

        self.main_layout.addWidget(self.preview_label)

        self.preview = QTextEdit(HolidaysDialog)
        self.preview.setObjectName(u"preview")
        self.preview.setReadOnly(True)

        self.main_layout.addWidget(self.preview)

        self.status_label = QLabel(HolidaysDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.main_layout.addWidget(self.status_label)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.clear_button = QPushButton(HolidaysDialog)
        self.clear_button.setObjectName(u"clear_button")

        self.button_row.addWidget(self.clear_button)

        self.button_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.button_gap)

        self.save_button = QPushButton(HolidaysDialog)
        self.save_button.setObjectName(u"save_button")

        self.button_row.addWidget(self.save_button)

        self.close_button = QPushButton(HolidaysDialog)
        self.close_button.setObjectName(u"close_button")

        self.button_row.addWidget(self.close_button)

        self.button_row.setStretch(1, 1)

        self.main_layout.addLayout(self.button_row)

        self.main_layout.setStretch(3, 2)
        self.main_layout.setStretch(5, 3)
#if QT_CONFIG(shortcut)
        self.holidays_label.setBuddy(self.holidays_edit)
        self.working_label.setBuddy(self.working_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(HolidaysDialog)

        self.save_button.setDefault(True)


        QMetaObject.connectSlotsByName(HolidaysDialog)
    # setupUi

    def retranslateUi(self, HolidaysDialog):
        HolidaysDialog.setWindowTitle(QCoreApplication.translate("HolidaysDialog", u"\u5de5\u4f5c\u65e5\u8bbe\u7f6e \u2014 \u6cd5\u5b9a\u8282\u5047\u65e5\u4e0e\u8c03\u4f11", None))
        self.year_label.setText(QCoreApplication.translate("HolidaysDialog", u"\u5e74\u4efd\uff1a", None))
        self.holidays_label.setText(QCoreApplication.translate("HolidaysDialog", u"\u653e\u5047\u65e5\u671f\uff08\u6bcf\u4e2a\u8282\u65e5\u4e00\u884c\uff0c\u5982\u201c\u5143\u65e6\uff1a1\u67081\u65e5\u81f33\u65e5\u201d\uff09", None))
        self.holidays_edit.setPlaceholderText(QCoreApplication.translate("HolidaysDialog", u"\u7167\u901a\u77e5\u9010\u6761\u586b\u5199\uff0c\u5982\uff1a\n"
"\u5143\u65e6\uff1a1\u67081\u65e5\u81f33\u65e5\n"
"\u6625\u8282\uff1a\u00d7\u6708\u00d7\u65e5\u81f3\u00d7\u65e5\n"
"\u2026\u2026", None))
        self.working_label.setText(QCoreApplication.translate("HolidaysDialog", u"\u8c03\u4f11\u4e0a\u73ed\u65e5\u671f\uff08\u5468\u672b\u4e0a\u73ed\u7684\u65e5\u671f\uff09", None))
        self.working_edit.setPlaceholderText(QCoreApplication.translate("HolidaysDialog", u"\u7167\u901a\u77e5\u586b\u5199\u201c\u00d7\u6708\u00d7\u65e5\uff08\u5468\u516d\uff09\u4e0a\u73ed\u201d\u7684\u65e5\u671f\uff0c\n"
"\u591a\u4e2a\u65e5\u671f\u7528\u201c\u3001\u201d\u9694\u5f00\uff1b\u53ea\u586b\u5468\u516d\u3001\u5468\u65e5\u3002", None))
        self.preview_label.setText(QCoreApplication.translate("HolidaysDialog", u"\u9884\u89c8\uff1a", None))
        self.clear_button.setText(QCoreApplication.translate("HolidaysDialog", u"\u6e05\u9664\u672c\u5e74\u5f55\u5165", None))
        self.save_button.setText(QCoreApplication.translate("HolidaysDialog", u"\u4fdd\u5b58", None))
        self.close_button.setText(QCoreApplication.translate("HolidaysDialog", u"\u5173\u95ed", None))
    # retranslateUi

