# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'bureau_resolve.ui'
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

class Ui_ResolveDialog(object):
    def setupUi(self, ResolveDialog):
        if not ResolveDialog.objectName():
            ResolveDialog.setObjectName(u"ResolveDialog")
        ResolveDialog.setMinimumSize(QSize(520, 0))
        self.outer = QVBoxLayout(ResolveDialog)
        self.outer.setObjectName(u"outer")
        self.explanation = QLabel(ResolveDialog)
        self.explanation.setObjectName(u"explanation")
        self.explanation.setWordWrap(True)

        self.outer.addWidget(self.explanation)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.person_label = QLabel(ResolveDialog)
        self.person_label.setObjectName(u"person_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.person_label)

        self.person = QLineEdit(ResolveDialog)
        self.person.setObjectName(u"person")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.person)

        self.note_label = QLabel(ResolveDialog)
        self.note_label.setObjectName(u"note_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.note_label)

        self.note = QPlainTextEdit(ResolveDialog)
        self.note.setObjectName(u"note")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.note)


        self.outer.addLayout(self.form)

        self.buttons = QDialogButtonBox(ResolveDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.person_label.setBuddy(self.person)
        self.note_label.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ResolveDialog)

        QMetaObject.connectSlotsByName(ResolveDialog)
    # setupUi

    def retranslateUi(self, ResolveDialog):
        self.person_label.setText(QCoreApplication.translate("ResolveDialog", u"\u7ecf\u529e\u4eba\uff1a", None))
        self.note_label.setText(QCoreApplication.translate("ResolveDialog", u"\u8bf4\u660e\uff1a", None))
        self.note.setPlaceholderText(QCoreApplication.translate("ResolveDialog", u"\u5904\u7406\u7406\u7531\uff08\u81f3\u5c11 4 \u4e2a\u5b57\uff09\uff0c\u4f8b\u5982\uff1a\u5df2\u4e0e\u5b66\u6821\u7535\u8bdd\u6838\u5b9e\uff0c\u4ee5\u65b0\u5185\u5bb9\u4e3a\u51c6", None))
        pass
    # retranslateUi

