# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'school_info.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFrame,
    QGridLayout, QHBoxLayout, QLabel, QPushButton,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

class Ui_SchoolInfoDialog(object):
    def setupUi(self, SchoolInfoDialog):
        if not SchoolInfoDialog.objectName():
            SchoolInfoDialog.setObjectName(u"SchoolInfoDialog")
        SchoolInfoDialog.resize(940, 680)
        SchoolInfoDialog.setMinimumSize(QSize(860, 400))
        self.main_layout = QVBoxLayout(SchoolInfoDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(SchoolInfoDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)

        self.main_layout.addWidget(self.intro)

        self.campus_row = QWidget(SchoolInfoDialog)
        self.campus_row.setObjectName(u"campus_row")
        self.campus_layout = QHBoxLayout(self.campus_row)
        self.campus_layout.setObjectName(u"campus_layout")
        self.campus_layout.setContentsMargins(0, 0, 0, 0)
        self.campus_label = QLabel(self.campus_row)
        self.campus_label.setObjectName(u"campus_label")

        self.campus_layout.addWidget(self.campus_label)

        self.campus_choice = QComboBox(self.campus_row)
        self.campus_choice.setObjectName(u"campus_choice")

        self.campus_layout.addWidget(self.campus_choice)

        self.add_campus_button = QPushButton(self.campus_row)
        self.add_campus_button.setObjectName(u"add_campus_button")
        self.add_campus_button.setAutoDefault(False)

        self.campus_layout.addWidget(self.add_campus_button)

        self.campus_layout.setStretch(1, 1)

        self.main_layout.addWidget(self.campus_row)

        self.items_area = QScrollArea(SchoolInfoDialog)
        self.items_area.setObjectName(u"items_area")
        self.items_area.setWidgetResizable(True)
        self.items_area.setFrameShape(QFrame.Shape.NoFrame)
        self.items_widget = QWidget()
        self.items_widget.setObjectName(u"items_widget")
        self.items_grid = QGridLayout(self.items_widget)
        self.items_grid.setObjectName(u"items_grid")
        self.items_grid.setHorizontalSpacing(10)
        self.items_grid.setVerticalSpacing(6)
        self.items_grid.setColumnStretch(1, 1)
        self.items_grid.setColumnStretch(3, 1)
        self.items_area.setWidget(self.items_widget)

        self.main_layout.addWidget(self.items_area)

        self.legend = QLabel(SchoolInfoDialog)
        self.legend.setObjectName(u"legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(u"color: #666;")

        self.main_layout.addWidget(self.legend)

        self.error_label = QLabel(SchoolInfoDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setVisible(False)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(u"color: #b00020;")

        self.main_layout.addWidget(self.error_label)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.status_label = QLabel(SchoolInfoDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.button_row.addWidget(self.status_label)

        self.save_button = QPushButton(SchoolInfoDialog)
        self.save_button.setObjectName(u"save_button")

        self.button_row.addWidget(self.save_button)

        self.save_print_button = QPushButton(SchoolInfoDialog)
        self.save_print_button.setObjectName(u"save_print_button")
        self.save_print_button.setAutoDefault(False)

        self.button_row.addWidget(self.save_print_button)

        self.close_button = QPushButton(SchoolInfoDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.button_row.addWidget(self.close_button)

        self.button_row.setStretch(0, 1)

        self.main_layout.addLayout(self.button_row)

        self.main_layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.campus_label.setBuddy(self.campus_choice)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SchoolInfoDialog)

        QMetaObject.connectSlotsByName(SchoolInfoDialog)
    # setupUi

    def retranslateUi(self, SchoolInfoDialog):
        self.campus_label.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u6821\u533a\uff1a", None))
#if QT_CONFIG(accessibility)
        self.campus_choice.setAccessibleName(QCoreApplication.translate("SchoolInfoDialog", u"\u6821\u533a", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.campus_choice.setToolTip(QCoreApplication.translate("SchoolInfoDialog", u"\u6bcf\u4e2a\u6821\u533a\u586b\u5199\u4e00\u5f20\u6821\u533a\u57fa\u672c\u4fe1\u606f\u8868", None))
#endif // QT_CONFIG(tooltip)
        self.add_campus_button.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u65b0\u589e\u6821\u533a", None))
#if QT_CONFIG(tooltip)
        self.add_campus_button.setToolTip(QCoreApplication.translate("SchoolInfoDialog", u"\u767b\u8bb0\u4e00\u4e2a\u5206\u6821\u533a\uff1a\u586b\u5199\u5b83\u7684\u540d\u79f0\u3001\u5730\u5740\u3001\u8d1f\u8d23\u4eba\u548c\u4eba\u6570\u540e\u4fdd\u5b58", None))
#endif // QT_CONFIG(tooltip)
        self.legend.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879\u3002\u7070\u8272\u7684\u9879\u76ee\u53d6\u81ea\u672c\u6821\u8bbe\u7f6e\u6216\u7531\u672c\u8f6f\u4ef6\u6309\u5b66\u7c4d\u6570\u636e\u7edf\u8ba1\uff0c\u5728\u8fd9\u91cc\u53ea\u663e\u793a\uff1b\u5176\u4f59\u9879\u76ee\u4fdd\u5b58\u540e\uff0c\u4ee5\u540e\u6253\u5370\u65f6\u4e0d\u5fc5\u518d\u586b\u5199\u3002", None))
        self.save_button.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u4fdd\u5b58", None))
#if QT_CONFIG(tooltip)
        self.save_button.setToolTip(QCoreApplication.translate("SchoolInfoDialog", u"\u4fdd\u5b58\u586b\u5199\u7684\u9879\u76ee\uff08\u8bb0\u5165\u53d8\u66f4\u8bb0\u5f55\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.save_print_button.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u4fdd\u5b58\u5e76\u53e6\u5b58\u4e3a PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.save_print_button.setToolTip(QCoreApplication.translate("SchoolInfoDialog", u"\u4fdd\u5b58\u540e\u751f\u6210 PDF\uff08\u540c\u65f6\u53e6\u5b58\u4e00\u4efd Excel\uff09\u5e76\u6253\u5f00", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("SchoolInfoDialog", u"\u5173\u95ed", None))
        pass
    # retranslateUi

