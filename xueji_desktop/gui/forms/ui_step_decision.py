# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_decision.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QButtonGroup, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

from xueji_desktop.gui.enrol_wizard import FindingList

class Ui_StepDialog(object):
    def setupUi(self, StepDialog):
        if not StepDialog.objectName():
            StepDialog.setObjectName(u"StepDialog")
        StepDialog.setMinimumSize(QSize(700, 0))
        self.main_layout = QVBoxLayout(StepDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro = QLabel(StepDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.party_label = QLabel(StepDialog)
        self.party_label.setObjectName(u"party_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.party_label)

        self.party_cell = QWidget(StepDialog)
        self.party_cell.setObjectName(u"party_cell")
        self.party_box = QVBoxLayout(self.party_cell)
        self.party_box.setSpacing(1)
        self.party_box.setObjectName(u"party_box")
        self.party_box.setContentsMargins(0, 0, 0, 0)
        self.party = QComboBox(self.party_cell)
        self.party.setObjectName(u"party")

        self.party_box.addWidget(self.party)

        self.party_hint = FindingList(self.party_cell)
        self.party_hint.setObjectName(u"party_hint")
        self.party_hint.setVisible(False)
        self.party_hint.setWordWrap(True)

        self.party_box.addWidget(self.party_hint)


        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.party_cell)

        self.date_label = QLabel(StepDialog)
        self.date_label.setObjectName(u"date_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_cell = QWidget(StepDialog)
        self.date_cell.setObjectName(u"date_cell")
        self.date_box = QVBoxLayout(self.date_cell)
        self.date_box.setSpacing(1)
        self.date_box.setObjectName(u"date_box")
        self.date_box.setContentsMargins(0, 0, 0, 0)
        self.date = QLineEdit(self.date_cell)
        self.date.setObjectName(u"date")

        self.date_box.addWidget(self.date)

        self.date_hint = FindingList(self.date_cell)
        self.date_hint.setObjectName(u"date_hint")
        self.date_hint.setVisible(False)
        self.date_hint.setWordWrap(True)

        self.date_box.addWidget(self.date_hint)


        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date_cell)

        self.person_label = QLabel(StepDialog)
        self.person_label.setObjectName(u"person_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.person_label)

        self.person_cell = QWidget(StepDialog)
        self.person_cell.setObjectName(u"person_cell")
        self.person_box = QVBoxLayout(self.person_cell)
        self.person_box.setSpacing(1)
        self.person_box.setObjectName(u"person_box")
        self.person_box.setContentsMargins(0, 0, 0, 0)
        self.person = QLineEdit(self.person_cell)
        self.person.setObjectName(u"person")

        self.person_box.addWidget(self.person)

        self.person_hint = FindingList(self.person_cell)
        self.person_hint.setObjectName(u"person_hint")
        self.person_hint.setVisible(False)
        self.person_hint.setWordWrap(True)

        self.person_box.addWidget(self.person_hint)


        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.person_cell)

        self.outcome_label = QLabel(StepDialog)
        self.outcome_label.setObjectName(u"outcome_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.outcome_label)

        self.outcome_cell = QWidget(StepDialog)
        self.outcome_cell.setObjectName(u"outcome_cell")
        self.outcome_box = QVBoxLayout(self.outcome_cell)
        self.outcome_box.setSpacing(1)
        self.outcome_box.setObjectName(u"outcome_box")
        self.outcome_box.setContentsMargins(0, 0, 0, 0)
        self.outcome = QWidget(self.outcome_cell)
        self.outcome.setObjectName(u"outcome")
        self.outcome_row = QHBoxLayout(self.outcome)
        self.outcome_row.setObjectName(u"outcome_row")
        self.outcome_row.setContentsMargins(0, 0, 0, 0)
        self.approve_radio = QRadioButton(self.outcome)
        self.outcome_group = QButtonGroup(StepDialog)
        self.outcome_group.setObjectName(u"outcome_group")
        self.outcome_group.addButton(self.approve_radio)
        self.approve_radio.setObjectName(u"approve_radio")
        self.approve_radio.setChecked(True)

        self.outcome_row.addWidget(self.approve_radio)

        self.reject_radio = QRadioButton(self.outcome)
        self.outcome_group.addButton(self.reject_radio)
        self.reject_radio.setObjectName(u"reject_radio")

        self.outcome_row.addWidget(self.reject_radio)

        self.outcome_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outcome_row.addItem(self.outcome_gap)

        self.outcome_row.setStretch(2, 1)

        self.outcome_box.addWidget(self.outcome)

        self.outcome_hint = FindingList(self.outcome_cell)
        self.outcome_hint.setObjectName(u"outcome_hint")
        self.outcome_hint.setVisible(False)
        self.outcome_hint.setWordWrap(True)

        self.outcome_box.addWidget(self.outcome_hint)


        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.outcome_cell)

        self.note_label = QLabel(StepDialog)
        self.note_label.setObjectName(u"note_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note_cell = QWidget(StepDialog)
        self.note_cell.setObjectName(u"note_cell")
        self.note_box = QVBoxLayout(self.note_cell)
        self.note_box.setSpacing(1)
        self.note_box.setObjectName(u"note_box")
        self.note_box.setContentsMargins(0, 0, 0, 0)
        self.note = QLineEdit(self.note_cell)
        self.note.setObjectName(u"note")

        self.note_box.addWidget(self.note)

        self.note_hint = FindingList(self.note_cell)
        self.note_hint.setObjectName(u"note_hint")
        self.note_hint.setVisible(False)
        self.note_hint.setWordWrap(True)

        self.note_box.addWidget(self.note_hint)


        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.note_cell)


        self.main_layout.addLayout(self.form)

        self.bottom_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_gap)

        self.buttons = QDialogButtonBox(StepDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.buttons)

        self.main_layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.party_label.setBuddy(self.party_cell)
        self.date_label.setBuddy(self.date_cell)
        self.person_label.setBuddy(self.person_cell)
        self.outcome_label.setBuddy(self.outcome_cell)
        self.note_label.setBuddy(self.note_cell)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(StepDialog)

        QMetaObject.connectSlotsByName(StepDialog)
    # setupUi

    def retranslateUi(self, StepDialog):
        self.party_label.setText(QCoreApplication.translate("StepDialog", u"\u73af\u8282\uff1a", None))
#if QT_CONFIG(accessibility)
        self.party.setAccessibleName(QCoreApplication.translate("StepDialog", u"\u73af\u8282", None))
#endif // QT_CONFIG(accessibility)
        self.date_label.setText(QCoreApplication.translate("StepDialog", u"\u65e5\u671f\uff1a", None))
        self.date.setPlaceholderText(QCoreApplication.translate("StepDialog", u"YYYY-MM-DD", None))
#if QT_CONFIG(accessibility)
        self.date.setAccessibleName(QCoreApplication.translate("StepDialog", u"\u65e5\u671f", None))
#endif // QT_CONFIG(accessibility)
        self.person_label.setText(QCoreApplication.translate("StepDialog", u"\u7ecf\u529e\u4eba\uff1a", None))
        self.person.setPlaceholderText(QCoreApplication.translate("StepDialog", u"\u7b7e\u5b57\u6216\u76d6\u7ae0\u7684\u7ecf\u529e\u4eba\u59d3\u540d", None))
#if QT_CONFIG(accessibility)
        self.person.setAccessibleName(QCoreApplication.translate("StepDialog", u"\u7ecf\u529e\u4eba", None))
#endif // QT_CONFIG(accessibility)
        self.outcome_label.setText(QCoreApplication.translate("StepDialog", u"\u610f\u89c1\uff1a", None))
        self.approve_radio.setText(QCoreApplication.translate("StepDialog", u"\u540c\u610f", None))
        self.reject_radio.setText(QCoreApplication.translate("StepDialog", u"\u4e0d\u540c\u610f", None))
        self.note_label.setText(QCoreApplication.translate("StepDialog", u"\u8bf4\u660e\uff1a", None))
        self.note.setPlaceholderText(QCoreApplication.translate("StepDialog", u"\u4e0d\u540c\u610f\u65f6\u5fc5\u586b\uff1a\u5199\u660e\u7406\u7531\uff08\u81f3\u5c11 4 \u4e2a\u5b57\uff09", None))
#if QT_CONFIG(accessibility)
        self.note.setAccessibleName(QCoreApplication.translate("StepDialog", u"\u8bf4\u660e", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

