# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'info_edit.ui'
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
    QGroupBox, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from xueji_desktop.gui.enrol_wizard import FindingList

class Ui_InfoEditDialog(object):
    def setupUi(self, InfoEditDialog):
        if not InfoEditDialog.objectName():
            InfoEditDialog.setObjectName(u"InfoEditDialog")
        InfoEditDialog.setMinimumSize(QSize(760, 0))
        self.main_layout = QVBoxLayout(InfoEditDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(InfoEditDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.routine = QGroupBox(InfoEditDialog)
        self.routine.setObjectName(u"routine")
        self.routine_layout = QVBoxLayout(self.routine)
        self.routine_layout.setObjectName(u"routine_layout")

        self.main_layout.addWidget(self.routine)

        self.notes = FindingList(InfoEditDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setVisible(False)
        self.notes.setWordWrap(True)

        self.main_layout.addWidget(self.notes)

        self.key_box = QGroupBox(InfoEditDialog)
        self.key_box.setObjectName(u"key_box")
        self.key_layout = QVBoxLayout(self.key_box)
        self.key_layout.setObjectName(u"key_layout")
        self.key_note = QLabel(self.key_box)
        self.key_note.setObjectName(u"key_note")
        self.key_note.setWordWrap(True)

        self.key_layout.addWidget(self.key_note)

        self.key_row = QHBoxLayout()
        self.key_row.setObjectName(u"key_row")
        self.key_button = QPushButton(self.key_box)
        self.key_button.setObjectName(u"key_button")

        self.key_row.addWidget(self.key_button)

        self.key_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.key_row.addItem(self.key_gap)

        self.key_row.setStretch(1, 1)

        self.key_layout.addLayout(self.key_row)


        self.main_layout.addWidget(self.key_box)

        self.bottom_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_gap)

        self.buttons = QDialogButtonBox(InfoEditDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

        self.main_layout.setStretch(4, 1)

        self.retranslateUi(InfoEditDialog)

        QMetaObject.connectSlotsByName(InfoEditDialog)
    # setupUi

    def retranslateUi(self, InfoEditDialog):
        self.routine.setTitle(QCoreApplication.translate("InfoEditDialog", u"\u53ef\u76f4\u63a5\u4fee\u6539\u7684\u4fe1\u606f", None))
        self.key_box.setTitle(QCoreApplication.translate("InfoEditDialog", u"\u5173\u952e\u4fe1\u606f", None))
        self.key_button.setText(QCoreApplication.translate("InfoEditDialog", u"\u7533\u8bf7\u5173\u952e\u4fe1\u606f\u53d8\u66f4\u2026", None))
        pass
    # retranslateUi

