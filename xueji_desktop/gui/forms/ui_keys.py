# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'keys.ui'
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

class Ui_KeysDialog(object):
    def setupUi(self, KeysDialog):
        if not KeysDialog.objectName():
            KeysDialog.setObjectName(u"KeysDialog")
        KeysDialog.setMinimumSize(QSize(640, 0))
        self.keys_layout = QVBoxLayout(KeysDialog)
        self.keys_layout.setObjectName(u"keys_layout")
        self.own_box = QGroupBox(KeysDialog)
        self.own_box.setObjectName(u"own_box")
        self.own_layout = QVBoxLayout(self.own_box)
        self.own_layout.setObjectName(u"own_layout")
        self.school_state = QLabel(self.own_box)
        self.school_state.setObjectName(u"school_state")
        self.school_state.setWordWrap(True)

        self.own_layout.addWidget(self.school_state)

        self.school_fingerprint = QLabel(self.own_box)
        self.school_fingerprint.setObjectName(u"school_fingerprint")
        self.school_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.own_layout.addWidget(self.school_fingerprint)

        self.own_buttons = QHBoxLayout()
        self.own_buttons.setObjectName(u"own_buttons")
        self.create_button = QPushButton(self.own_box)
        self.create_button.setObjectName(u"create_button")

        self.own_buttons.addWidget(self.create_button)

        self.print_button = QPushButton(self.own_box)
        self.print_button.setObjectName(u"print_button")

        self.own_buttons.addWidget(self.print_button)

        self.export_key_button = QPushButton(self.own_box)
        self.export_key_button.setObjectName(u"export_key_button")

        self.own_buttons.addWidget(self.export_key_button)

        self.own_buttons_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.own_buttons.addItem(self.own_buttons_end)

        self.own_buttons.setStretch(3, 1)

        self.own_layout.addLayout(self.own_buttons)


        self.keys_layout.addWidget(self.own_box)

        self.bureau_box = QGroupBox(KeysDialog)
        self.bureau_box.setObjectName(u"bureau_box")
        self.bureau_layout = QVBoxLayout(self.bureau_box)
        self.bureau_layout.setObjectName(u"bureau_layout")
        self.bureau_state = QLabel(self.bureau_box)
        self.bureau_state.setObjectName(u"bureau_state")
        self.bureau_state.setWordWrap(True)

        self.bureau_layout.addWidget(self.bureau_state)

        self.bureau_fingerprint = QLabel(self.bureau_box)
        self.bureau_fingerprint.setObjectName(u"bureau_fingerprint")
        self.bureau_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.bureau_layout.addWidget(self.bureau_fingerprint)

        self.bureau_buttons = QHBoxLayout()
        self.bureau_buttons.setObjectName(u"bureau_buttons")
        self.trust_button = QPushButton(self.bureau_box)
        self.trust_button.setObjectName(u"trust_button")

        self.bureau_buttons.addWidget(self.trust_button)

        self.bureau_buttons_end = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bureau_buttons.addItem(self.bureau_buttons_end)

        self.bureau_buttons.setStretch(1, 1)

        self.bureau_layout.addLayout(self.bureau_buttons)


        self.keys_layout.addWidget(self.bureau_box)

        self.status = QLabel(KeysDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.keys_layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(KeysDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.keys_layout.addWidget(self.buttons)


        self.retranslateUi(KeysDialog)

        QMetaObject.connectSlotsByName(KeysDialog)
    # setupUi

    def retranslateUi(self, KeysDialog):
        KeysDialog.setWindowTitle(QCoreApplication.translate("KeysDialog", u"\u5bc6\u94a5\u4e0e\u6559\u80b2\u5c40\u516c\u94a5", None))
        self.own_box.setTitle(QCoreApplication.translate("KeysDialog", u"\u672c\u6821\u5bc6\u94a5", None))
        self.create_button.setText(QCoreApplication.translate("KeysDialog", u"\u751f\u6210\u672c\u6821\u5bc6\u94a5\u2026", None))
        self.print_button.setText(QCoreApplication.translate("KeysDialog", u"\u5bc6\u94a5\u767b\u8bb0\u8868\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.export_key_button.setText(QCoreApplication.translate("KeysDialog", u"\u5bfc\u51fa\u672c\u6821\u516c\u94a5\u6587\u4ef6\u2026", None))
        self.bureau_box.setTitle(QCoreApplication.translate("KeysDialog", u"\u6559\u80b2\u5c40\u516c\u94a5", None))
        self.trust_button.setText(QCoreApplication.translate("KeysDialog", u"\u767b\u8bb0\u6559\u80b2\u5c40\u516c\u94a5\u2026", None))
    # retranslateUi

