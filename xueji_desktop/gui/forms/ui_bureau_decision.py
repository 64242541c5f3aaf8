# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'bureau_decision.ui'
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
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_DecisionDialog(object):
    def setupUi(self, DecisionDialog):
        if not DecisionDialog.objectName():
            DecisionDialog.setObjectName(u"DecisionDialog")
        DecisionDialog.setMinimumSize(QSize(520, 0))
        self.outer = QVBoxLayout(DecisionDialog)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(DecisionDialog)
        self.heading.setObjectName(u"heading")

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.person_label = QLabel(DecisionDialog)
        self.person_label.setObjectName(u"person_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.person_label)

        self.person = QLineEdit(DecisionDialog)
        self.person.setObjectName(u"person")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.person)

        self.note_label = QLabel(DecisionDialog)
        self.note_label.setObjectName(u"note_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note = QPlainTextEdit(DecisionDialog)
        self.note.setObjectName(u"note")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.note)


        self.outer.addLayout(self.form)

        self.hint = QLabel(DecisionDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #6b6b6b;")

        self.outer.addWidget(self.hint)

        self.buttons = QDialogButtonBox(DecisionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.person_label.setBuddy(self.person)
        self.note_label.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DecisionDialog)

        QMetaObject.connectSlotsByName(DecisionDialog)
    # setupUi

    def retranslateUi(self, DecisionDialog):
        self.person_label.setText(QCoreApplication.translate("DecisionDialog", u"\u7ecf\u529e\u4eba\uff1a", None))
        self.person.setPlaceholderText(QCoreApplication.translate("DecisionDialog", u"\u7ecf\u529e\u4eba\u59d3\u540d", None))
        self.note_label.setText(QCoreApplication.translate("DecisionDialog", u"\u610f\u89c1\uff1a", None))
        self.note.setPlaceholderText(QCoreApplication.translate("DecisionDialog", u"\u53ef\u4e0d\u586b\uff1b\u586b\u5199\u7684\u610f\u89c1\u968f\u56de\u6267\u53d1\u7ed9\u5b66\u6821", None))
        self.hint.setText(QCoreApplication.translate("DecisionDialog", u"\u5ba1\u6279\u610f\u89c1\u968f\u4e0b\u4e00\u4efd\u56de\u6267\u53d1\u7ed9\u5b66\u6821\u3002", None))
        pass
    # retranslateUi

