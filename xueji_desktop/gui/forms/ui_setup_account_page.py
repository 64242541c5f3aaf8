# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_account_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QWidget, QWizardPage)

class Ui_AccountPage(object):
    def setupUi(self, AccountPage):
        if not AccountPage.objectName():
            AccountPage.setObjectName(u"AccountPage")
        self.form = QFormLayout(AccountPage)
        self.form.setObjectName(u"form")
        self.display_label = QLabel(AccountPage)
        self.display_label.setObjectName(u"display_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.display_label)

        self.display = QLineEdit(AccountPage)
        self.display.setObjectName(u"display")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.display)

        self.username_label = QLabel(AccountPage)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(AccountPage)
        self.username.setObjectName(u"username")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.username)

        self.password_label = QLabel(AccountPage)
        self.password_label.setObjectName(u"password_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(AccountPage)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password)

        self.again_label = QLabel(AccountPage)
        self.again_label.setObjectName(u"again_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.again_label)

        self.again = QLineEdit(AccountPage)
        self.again.setObjectName(u"again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.again)

        self.errors = QLabel(AccountPage)
        self.errors.setObjectName(u"errors")
        self.errors.setWordWrap(True)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.errors)

#if QT_CONFIG(shortcut)
        self.display_label.setBuddy(self.display)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.again_label.setBuddy(self.again)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AccountPage)

        QMetaObject.connectSlotsByName(AccountPage)
    # setupUi

    def retranslateUi(self, AccountPage):
        AccountPage.setTitle(QCoreApplication.translate("AccountPage", u"\u5b66\u7c4d\u7ba1\u7406\u5458\u8d26\u6237", None))
        AccountPage.setSubTitle(QCoreApplication.translate("AccountPage", u"\u6bcf\u9879\u53d8\u66f4\u90fd\u8bb0\u5f55\u64cd\u4f5c\u4eba\u3002\u8bf7\u7262\u8bb0\u5bc6\u7801\uff1a\u5b83\u4fdd\u62a4\u5168\u6821\u5b66\u751f\u7684\u4fe1\u606f\u3002", None))
        self.display_label.setText(QCoreApplication.translate("AccountPage", u"\u59d3\u540d", None))
        self.username_label.setText(QCoreApplication.translate("AccountPage", u"\u767b\u5f55\u540d", None))
        self.password_label.setText(QCoreApplication.translate("AccountPage", u"\u5bc6\u7801", None))
        self.again_label.setText(QCoreApplication.translate("AccountPage", u"\u518d\u6b21\u8f93\u5165\u5bc6\u7801", None))
    # retranslateUi

