# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_UsersDialog(object):
    def setupUi(self, UsersDialog):
        if not UsersDialog.objectName():
            UsersDialog.setObjectName(u"UsersDialog")
        UsersDialog.resize(900, 520)
        self.main_layout = QVBoxLayout(UsersDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(UsersDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.table = QTableWidget(UsersDialog)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.main_layout.addWidget(self.table)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.add_button = QPushButton(UsersDialog)
        self.add_button.setObjectName(u"add_button")

        self.button_row.addWidget(self.add_button)

        self.edit_button = QPushButton(UsersDialog)
        self.edit_button.setObjectName(u"edit_button")

        self.button_row.addWidget(self.edit_button)

        self.reset_button = QPushButton(UsersDialog)
        self.reset_button.setObjectName(u"reset_button")

        self.button_row.addWidget(self.reset_button)

        self.toggle_button = QPushButton(UsersDialog)
        self.toggle_button.setObjectName(u"toggle_button")

        self.button_row.addWidget(self.toggle_button)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.spacer)


        self.main_layout.addLayout(self.button_row)

        self.idle_row = QHBoxLayout()
        self.idle_row.setObjectName(u"idle_row")
        self.idle_label = QLabel(UsersDialog)
        self.idle_label.setObjectName(u"idle_label")

        self.idle_row.addWidget(self.idle_label)

        self.idle_minutes = QSpinBox(UsersDialog)
        self.idle_minutes.setObjectName(u"idle_minutes")
        self.idle_minutes.setMaximum(240)

        self.idle_row.addWidget(self.idle_minutes)

        self.idle_save = QPushButton(UsersDialog)
        self.idle_save.setObjectName(u"idle_save")

        self.idle_row.addWidget(self.idle_save)

        self.idle_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.idle_row.addItem(self.idle_spacer)


        self.main_layout.addLayout(self.idle_row)

        self.buttons = QDialogButtonBox(UsersDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.idle_label.setBuddy(self.idle_minutes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UsersDialog)

        QMetaObject.connectSlotsByName(UsersDialog)
    # setupUi

    def retranslateUi(self, UsersDialog):
        UsersDialog.setWindowTitle(QCoreApplication.translate("UsersDialog", u"\u7528\u6237\u8d26\u53f7", None))
        self.intro.setText(QCoreApplication.translate("UsersDialog", u"\u6bcf\u4e2a\u4f7f\u7528\u672c\u7a0b\u5e8f\u7684\u4eba\u7528\u81ea\u5df1\u7684\u8d26\u53f7\u767b\u5f55\uff1a\u53d8\u66f4\u8bb0\u5f55\u548c\u67e5\u8be2\u767b\u8bb0\u90fd\u7f72\u8d26\u53f7\u7684\u540d\u5b57\u3002\u8d26\u53f7\u53ea\u80fd\u505c\u7528\uff0c\u4e0d\u80fd\u5220\u9664\u3002", None))
        self.add_button.setText(QCoreApplication.translate("UsersDialog", u"\u65b0\u589e\u8d26\u53f7\u2026", None))
        self.edit_button.setText(QCoreApplication.translate("UsersDialog", u"\u4fee\u6539\u89d2\u8272\u2026", None))
        self.reset_button.setText(QCoreApplication.translate("UsersDialog", u"\u91cd\u7f6e\u5bc6\u7801\u2026", None))
        self.toggle_button.setText(QCoreApplication.translate("UsersDialog", u"\u505c\u7528", None))
        self.idle_label.setText(QCoreApplication.translate("UsersDialog", u"\u65e0\u64cd\u4f5c\u591a\u5c11\u5206\u949f\u540e\u9501\u5b9a\u7a97\u53e3\uff080\uff1a\u4e0d\u9501\u5b9a\uff09", None))
        self.idle_minutes.setSuffix(QCoreApplication.translate("UsersDialog", u" \u5206\u949f", None))
        self.idle_save.setText(QCoreApplication.translate("UsersDialog", u"\u4fdd\u5b58", None))
    # retranslateUi

