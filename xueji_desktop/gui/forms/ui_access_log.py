# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'access_log.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_AccessLogDialog(object):
    def setupUi(self, AccessLogDialog):
        if not AccessLogDialog.objectName():
            AccessLogDialog.setObjectName(u"AccessLogDialog")
        AccessLogDialog.resize(1200, 660)
        self.main_layout = QVBoxLayout(AccessLogDialog)
        self.main_layout.setSpacing(8)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(AccessLogDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setStyleSheet(u"color: #555;")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.filter_box = QGroupBox(AccessLogDialog)
        self.filter_box.setObjectName(u"filter_box")
        self.filter_grid = QGridLayout(self.filter_box)
        self.filter_grid.setObjectName(u"filter_grid")
        self.filter_grid.setHorizontalSpacing(8)
        self.filter_grid.setVerticalSpacing(6)
        self.account_label = QLabel(self.filter_box)
        self.account_label.setObjectName(u"account_label")

        self.filter_grid.addWidget(self.account_label, 0, 0, 1, 1)

        self.account_combo = QComboBox(self.filter_box)
        self.account_combo.setObjectName(u"account_combo")
        self.account_combo.setMinimumSize(QSize(200, 0))

        self.filter_grid.addWidget(self.account_combo, 0, 1, 1, 1)

        self.pupil_label = QLabel(self.filter_box)
        self.pupil_label.setObjectName(u"pupil_label")

        self.filter_grid.addWidget(self.pupil_label, 0, 2, 1, 1)

        self.pupil_edit = QLineEdit(self.filter_box)
        self.pupil_edit.setObjectName(u"pupil_edit")
        self.pupil_edit.setMinimumSize(QSize(240, 0))
        self.pupil_edit.setMaxLength(40)
        self.pupil_edit.setClearButtonEnabled(True)

        self.filter_grid.addWidget(self.pupil_edit, 0, 3, 1, 1)

        self.action_label = QLabel(self.filter_box)
        self.action_label.setObjectName(u"action_label")

        self.filter_grid.addWidget(self.action_label, 0, 4, 1, 1)

        self.action_combo = QComboBox(self.filter_box)
        self.action_combo.setObjectName(u"action_combo")

        self.filter_grid.addWidget(self.action_combo, 0, 5, 1, 1)

        self.date_label = QLabel(self.filter_box)
        self.date_label.setObjectName(u"date_label")

        self.filter_grid.addWidget(self.date_label, 1, 0, 1, 1)

        self.date_row = QHBoxLayout()
        self.date_row.setSpacing(6)
        self.date_row.setObjectName(u"date_row")
        self.start_edit = QDateEdit(self.filter_box)
        self.start_edit.setObjectName(u"start_edit")
        self.start_edit.setCalendarPopup(True)

        self.date_row.addWidget(self.start_edit)

        self.to_label = QLabel(self.filter_box)
        self.to_label.setObjectName(u"to_label")

        self.date_row.addWidget(self.to_label)

        self.end_edit = QDateEdit(self.filter_box)
        self.end_edit.setObjectName(u"end_edit")
        self.end_edit.setCalendarPopup(True)

        self.date_row.addWidget(self.end_edit)

        self.date_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.date_row.addItem(self.date_spacer)


        self.filter_grid.addLayout(self.date_row, 1, 1, 1, 3)

        self.query_button = QPushButton(self.filter_box)
        self.query_button.setObjectName(u"query_button")

        self.filter_grid.addWidget(self.query_button, 1, 5, 1, 1)

        self.filter_grid.setColumnStretch(6, 1)

        self.main_layout.addWidget(self.filter_box)

        self.summary = QLabel(AccessLogDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.main_layout.addWidget(self.summary)

        self.log_table = QTableView(AccessLogDialog)
        self.log_table.setObjectName(u"log_table")
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.setAlternatingRowColors(True)
        self.log_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_table.setWordWrap(False)

        self.main_layout.addWidget(self.log_table)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.print_button = QPushButton(AccessLogDialog)
        self.print_button.setObjectName(u"print_button")

        self.button_row.addWidget(self.print_button)

        self.export_button = QPushButton(AccessLogDialog)
        self.export_button.setObjectName(u"export_button")

        self.button_row.addWidget(self.export_button)

        self.status = QLabel(AccessLogDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.button_row.addWidget(self.status)

        self.buttons = QDialogButtonBox(AccessLogDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.button_row.addWidget(self.buttons)

        self.button_row.setStretch(2, 1)

        self.main_layout.addLayout(self.button_row)

#if QT_CONFIG(shortcut)
        self.account_label.setBuddy(self.account_combo)
        self.pupil_label.setBuddy(self.pupil_edit)
        self.action_label.setBuddy(self.action_combo)
        self.date_label.setBuddy(self.start_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AccessLogDialog)

        self.query_button.setDefault(True)


        QMetaObject.connectSlotsByName(AccessLogDialog)
    # setupUi

    def retranslateUi(self, AccessLogDialog):
        AccessLogDialog.setWindowTitle(QCoreApplication.translate("AccessLogDialog", u"\u67e5\u9605\u767b\u8bb0\uff08\u5ba1\u8ba1\uff09", None))
        self.filter_box.setTitle(QCoreApplication.translate("AccessLogDialog", u"\u67e5\u8be2\u6761\u4ef6", None))
        self.account_label.setText(QCoreApplication.translate("AccessLogDialog", u"\u8d26\u53f7", None))
#if QT_CONFIG(accessibility)
        self.account_combo.setAccessibleName(QCoreApplication.translate("AccessLogDialog", u"\u8d26\u53f7", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.account_combo.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u53ea\u770b\u6b64\u8d26\u53f7\u7684\u64cd\u4f5c\uff08\u5df2\u505c\u7528\u7684\u8d26\u53f7\u4e5f\u5728\u5176\u4e2d\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.pupil_label.setText(QCoreApplication.translate("AccessLogDialog", u"\u5b66\u751f", None))
        self.pupil_edit.setPlaceholderText(QCoreApplication.translate("AccessLogDialog", u"\u59d3\u540d\u6216\u5b66\u7c4d\u53f7\uff08\u53ef\u53ea\u5199\u4e00\u90e8\u5206\uff09", None))
#if QT_CONFIG(accessibility)
        self.pupil_edit.setAccessibleName(QCoreApplication.translate("AccessLogDialog", u"\u5b66\u751f", None))
#endif // QT_CONFIG(accessibility)
        self.action_label.setText(QCoreApplication.translate("AccessLogDialog", u"\u64cd\u4f5c", None))
#if QT_CONFIG(accessibility)
        self.action_combo.setAccessibleName(QCoreApplication.translate("AccessLogDialog", u"\u64cd\u4f5c", None))
#endif // QT_CONFIG(accessibility)
        self.date_label.setText(QCoreApplication.translate("AccessLogDialog", u"\u65e5\u671f", None))
        self.start_edit.setDisplayFormat(QCoreApplication.translate("AccessLogDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.start_edit.setAccessibleName(QCoreApplication.translate("AccessLogDialog", u"\u8d77\u59cb\u65e5\u671f", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.start_edit.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u8d77\u59cb\u65e5\u671f\uff08\u542b\u5f53\u5929\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.to_label.setText(QCoreApplication.translate("AccessLogDialog", u"\u81f3", None))
        self.end_edit.setDisplayFormat(QCoreApplication.translate("AccessLogDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.end_edit.setAccessibleName(QCoreApplication.translate("AccessLogDialog", u"\u622a\u6b62\u65e5\u671f", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.end_edit.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u622a\u6b62\u65e5\u671f\uff08\u542b\u5f53\u5929\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.query_button.setText(QCoreApplication.translate("AccessLogDialog", u"\u67e5\u8be2", None))
#if QT_CONFIG(tooltip)
        self.query_button.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u6309\u4e0a\u9762\u7684\u6761\u4ef6\u5217\u51fa\u8bb0\u5f55\uff1b\u6bcf\u6b21\u67e5\u8be2\u4e5f\u8bb0\u5165\u67e5\u8be2\u767b\u8bb0", None))
#endif // QT_CONFIG(tooltip)
        self.print_button.setText(QCoreApplication.translate("AccessLogDialog", u"\u53e6\u5b58\u4e3a PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.print_button.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u628a\u4e0b\u9762\u5217\u51fa\u7684\u8bb0\u5f55\u53e6\u5b58\u4e3a\u300a\u5b66\u7c4d\u4fe1\u606f\u67e5\u9605\u767b\u8bb0\u7c3f\u300bPDF \u5e76\u6253\u5f00\uff0c\u7b7e\u5b57\u5b58\u6863", None))
#endif // QT_CONFIG(tooltip)
        self.export_button.setText(QCoreApplication.translate("AccessLogDialog", u"\u5bfc\u51fa Excel\u2026", None))
#if QT_CONFIG(tooltip)
        self.export_button.setToolTip(QCoreApplication.translate("AccessLogDialog", u"\u628a\u4e0b\u9762\u5217\u51fa\u7684\u8bb0\u5f55\u5bfc\u51fa\u4e3a Excel \u5de5\u4f5c\u7c3f", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

