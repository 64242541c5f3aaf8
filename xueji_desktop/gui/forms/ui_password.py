# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'password.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QWidget)

class Ui_PasswordDialog(object):
    def setupUi(self, PasswordDialog):
        if not PasswordDialog.objectName():
            PasswordDialog.setObjectName(u"PasswordDialog")
        self.form = QFormLayout(PasswordDialog)
        self.form.setObjectName(u"form")
        self.intro = QLabel(PasswordDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.intro)

        self.old_label = QLabel(PasswordDialog)
        self.old_label.setObjectName(u"old_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.old_label)

        self.old_password = QLineEdit(PasswordDialog)
        self.old_password.setObjectName(u"old_password")
        self.old_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.old_password)

        self.new_label = QLabel(PasswordDialog)
        self.new_label.setObjectName(u"new_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.new_label)

        self.new_password = QLineEdit(PasswordDialog)
        self.new_password.setObjectName(u"new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.new_password)

        self.again_label = QLabel(PasswordDialog)
        self.again_label.setObjectName(u"again_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.again_label)

        self.new_again = QLineEdit(PasswordDialog)
        self.new_again.setObjectName(u"new_again")
        self.new_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.new_again)

        self.admin_label = QLabel(PasswordDialog)
        self.admin_label.setObjectName(u"admin_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.admin_label)

        self.admin_password = QLineEdit(PasswordDialog)
        self.admin_password.setObjectName(u"admin_password")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.admin_password)

        self.error = QLabel(PasswordDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(u"color: #c0392b;")

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(PasswordDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.form.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.old_label.setBuddy(self.old_password)
        self.new_label.setBuddy(self.new_password)
        self.again_label.setBuddy(self.new_again)
        self.admin_label.setBuddy(self.admin_password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PasswordDialog)

        QMetaObject.connectSlotsByName(PasswordDialog)
    # setupUi

    def retranslateUi(self, PasswordDialog):
        PasswordDialog.setWindowTitle(QCoreApplication.translate("PasswordDialog", u"\u4fee\u6539\u5bc6\u7801", None))
        self.intro.setText("")
        self.old_label.setText(QCoreApplication.translate("PasswordDialog", u"\u539f\u5bc6\u7801", None))
        self.new_label.setText(QCoreApplication.translate("PasswordDialog", u"\u65b0\u5bc6\u7801", None))
        self.new_password.setPlaceholderText(QCoreApplication.translate("PasswordDialog", u"\u81f3\u5c11 8 \u4f4d\uff0c\u4e0d\u80fd\u662f\u767b\u5f55\u540d\u6216\u59d3\u540d", None))
        self.again_label.setText(QCoreApplication.translate("PasswordDialog", u"\u518d\u8f93\u5165\u4e00\u6b21", None))
        self.admin_label.setText(QCoreApplication.translate("PasswordDialog", u"\u60a8\u7684\u5bc6\u7801", None))
        self.admin_password.setPlaceholderText(QCoreApplication.translate("PasswordDialog", u"\u7528\u4e8e\u540c\u65f6\u5f00\u901a\u5b66\u6821\u5bc6\u94a5", None))
        self.error.setText("")
    # retranslateUi

