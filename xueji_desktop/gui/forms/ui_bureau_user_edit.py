# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'bureau_user_edit.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QLabel, QLineEdit, QSizePolicy, QWidget)

class Ui_BureauUserEditDialog(object):
    def setupUi(self, BureauUserEditDialog):
        if not BureauUserEditDialog.objectName():
            BureauUserEditDialog.setObjectName(u"BureauUserEditDialog")
        BureauUserEditDialog.setMinimumSize(QSize(520, 0))
        self.form = QFormLayout(BureauUserEditDialog)
        self.form.setObjectName(u"form")
        self.username_label = QLabel(BureauUserEditDialog)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(BureauUserEditDialog)
        self.username.setObjectName(u"username")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.name_label = QLabel(BureauUserEditDialog)
        self.name_label.setObjectName(u"name_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.display_name = QLineEdit(BureauUserEditDialog)
        self.display_name.setObjectName(u"display_name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.display_name)

        self.roles_box = QGroupBox(BureauUserEditDialog)
        self.roles_box.setObjectName(u"roles_box")
        self.roles_grid = QGridLayout(self.roles_box)
        self.roles_grid.setObjectName(u"roles_grid")
        self.role_chief = QCheckBox(self.roles_box)
        self.role_chief.setObjectName(u"role_chief")

        self.roles_grid.addWidget(self.role_chief, 0, 0, 1, 1)

        self.role_clerk = QCheckBox(self.roles_box)
        self.role_clerk.setObjectName(u"role_clerk")

        self.roles_grid.addWidget(self.role_clerk, 0, 1, 1, 1)

        self.role_reader = QCheckBox(self.roles_box)
        self.role_reader.setObjectName(u"role_reader")

        self.roles_grid.addWidget(self.role_reader, 1, 0, 1, 1)

        self.role_admin = QCheckBox(self.roles_box)
        self.role_admin.setObjectName(u"role_admin")

        self.roles_grid.addWidget(self.role_admin, 1, 1, 1, 1)


        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.roles_box)

        self.duties = QLabel(BureauUserEditDialog)
        self.duties.setObjectName(u"duties")
        self.duties.setWordWrap(True)
        self.duties.setStyleSheet(u"color: #555;")

        self.form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.duties)

        self.first_label = QLabel(BureauUserEditDialog)
        self.first_label.setObjectName(u"first_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.first_label)

        self.first_password = QLineEdit(BureauUserEditDialog)
        self.first_password.setObjectName(u"first_password")
        self.first_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.first_password)

        self.again_label = QLabel(BureauUserEditDialog)
        self.again_label.setObjectName(u"again_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.again_label)

        self.first_again = QLineEdit(BureauUserEditDialog)
        self.first_again.setObjectName(u"first_again")
        self.first_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.first_again)

        self.note = QLabel(BureauUserEditDialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.note)

        self.error = QLabel(BureauUserEditDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(u"color: #c0392b;")

        self.form.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.error)

        self.buttons = QDialogButtonBox(BureauUserEditDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.form.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.username_label.setBuddy(self.username)
        self.name_label.setBuddy(self.display_name)
        self.first_label.setBuddy(self.first_password)
        self.again_label.setBuddy(self.first_again)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.username, self.display_name)
        QWidget.setTabOrder(self.display_name, self.role_chief)
        QWidget.setTabOrder(self.role_chief, self.role_clerk)
        QWidget.setTabOrder(self.role_clerk, self.role_reader)
        QWidget.setTabOrder(self.role_reader, self.role_admin)
        QWidget.setTabOrder(self.role_admin, self.first_password)
        QWidget.setTabOrder(self.first_password, self.first_again)

        self.retranslateUi(BureauUserEditDialog)

        QMetaObject.connectSlotsByName(BureauUserEditDialog)
    # setupUi

    def retranslateUi(self, BureauUserEditDialog):
        BureauUserEditDialog.setWindowTitle(QCoreApplication.translate("BureauUserEditDialog", u"\u6dfb\u52a0\u8d26\u53f7", None))
        self.username_label.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u767b\u5f55\u540d", None))
        self.username.setPlaceholderText(QCoreApplication.translate("BureauUserEditDialog", u"\u4e0d\u8d85\u8fc7 64 \u4e2a\u5b57\u7b26\uff0c\u4e0d\u542b\u7a7a\u683c", None))
        self.name_label.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u59d3\u540d", None))
        self.display_name.setPlaceholderText(QCoreApplication.translate("BureauUserEditDialog", u"\u5ba1\u6279\u548c\u5904\u7406\u51b2\u7a81\u65f6\u8bb0\u4e3a\u7ecf\u529e\u4eba", None))
        self.roles_box.setTitle(QCoreApplication.translate("BureauUserEditDialog", u"\u89d2\u8272", None))
        self.role_chief.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u79d1\u957f", None))
        self.role_clerk.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u79d1\u5458", None))
        self.role_reader.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u67e5\u8be2", None))
        self.role_admin.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u7ba1\u7406\u5458", None))
        self.first_label.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u521d\u59cb\u5bc6\u7801", None))
        self.first_password.setPlaceholderText(QCoreApplication.translate("BureauUserEditDialog", u"\u81f3\u5c11 8 \u4f4d\uff1b\u9996\u6b21\u767b\u5f55\u987b\u4fee\u6539", None))
        self.again_label.setText(QCoreApplication.translate("BureauUserEditDialog", u"\u518d\u8f93\u5165\u4e00\u6b21", None))
    # retranslateUi

