# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'restore_run.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_RestoreRunPage(object):
    def setupUi(self, RestoreRunPage):
        if not RestoreRunPage.objectName():
            RestoreRunPage.setObjectName(u"RestoreRunPage")
        self.run_layout = QVBoxLayout(RestoreRunPage)
        self.run_layout.setObjectName(u"run_layout")
        self.choice_text = QLabel(RestoreRunPage)
        self.choice_text.setObjectName(u"choice_text")
        self.choice_text.setWordWrap(True)

        self.run_layout.addWidget(self.choice_text)

        self.account_form = QFormLayout()
        self.account_form.setObjectName(u"account_form")
        self.username_label = QLabel(RestoreRunPage)
        self.username_label.setObjectName(u"username_label")

        self.account_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(RestoreRunPage)
        self.username.setObjectName(u"username")

        self.account_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.password_label = QLabel(RestoreRunPage)
        self.password_label.setObjectName(u"password_label")

        self.account_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(RestoreRunPage)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.account_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password)


        self.run_layout.addLayout(self.account_form)

        self.run_row = QHBoxLayout()
        self.run_row.setObjectName(u"run_row")
        self.restore_button = QPushButton(RestoreRunPage)
        self.restore_button.setObjectName(u"restore_button")

        self.run_row.addWidget(self.restore_button)

        self.run_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.run_row.addItem(self.run_spacer)


        self.run_layout.addLayout(self.run_row)

        self.run_progress = QProgressBar(RestoreRunPage)
        self.run_progress.setObjectName(u"run_progress")
        self.run_progress.setValue(0)

        self.run_layout.addWidget(self.run_progress)

        self.outcome = QLabel(RestoreRunPage)
        self.outcome.setObjectName(u"outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.run_layout.addWidget(self.outcome)

        self.run_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.run_layout.addItem(self.run_bottom)

        self.run_layout.setStretch(5, 1)
#if QT_CONFIG(shortcut)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RestoreRunPage)

        QMetaObject.connectSlotsByName(RestoreRunPage)
    # setupUi

    def retranslateUi(self, RestoreRunPage):
        RestoreRunPage.setTitle(QCoreApplication.translate("RestoreRunPage", u"\u7ba1\u7406\u5458\u786e\u8ba4\u5e76\u6062\u590d", None))
        RestoreRunPage.setSubTitle(QCoreApplication.translate("RestoreRunPage", u"\u6062\u590d\u987b\u7531\u7ba1\u7406\u5458\u8f93\u5165\u81ea\u5df1\u7684\u7528\u6237\u540d\u548c\u767b\u5f55\u5bc6\u7801\u3002", None))
        self.username_label.setText(QCoreApplication.translate("RestoreRunPage", u"\u7ba1\u7406\u5458\u7528\u6237\u540d\uff1a", None))
        self.password_label.setText(QCoreApplication.translate("RestoreRunPage", u"\u767b\u5f55\u5bc6\u7801\uff1a", None))
        self.restore_button.setText(QCoreApplication.translate("RestoreRunPage", u"\u6062\u590d", None))
    # retranslateUi

