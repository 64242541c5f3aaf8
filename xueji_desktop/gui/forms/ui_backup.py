# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'backup.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

from xueji_desktop.gui.exchange_drives import ExportDrives

class Ui_BackupDialog(object):
    def setupUi(self, BackupDialog):
        if not BackupDialog.objectName():
            BackupDialog.setObjectName(u"BackupDialog")
        BackupDialog.resize(940, 580)
        self.backup_layout = QVBoxLayout(BackupDialog)
        self.backup_layout.setObjectName(u"backup_layout")
        self.folder_row = QHBoxLayout()
        self.folder_row.setObjectName(u"folder_row")
        self.folder_label = QLabel(BackupDialog)
        self.folder_label.setObjectName(u"folder_label")

        self.folder_row.addWidget(self.folder_label)

        self.folder_path = QLineEdit(BackupDialog)
        self.folder_path.setObjectName(u"folder_path")
        self.folder_path.setReadOnly(True)

        self.folder_row.addWidget(self.folder_path)

        self.change_folder_button = QPushButton(BackupDialog)
        self.change_folder_button.setObjectName(u"change_folder_button")

        self.folder_row.addWidget(self.change_folder_button)

        self.open_folder_button = QPushButton(BackupDialog)
        self.open_folder_button.setObjectName(u"open_folder_button")

        self.folder_row.addWidget(self.open_folder_button)

        self.folder_row.setStretch(1, 1)

        self.backup_layout.addLayout(self.folder_row)

        self.middle_row = QHBoxLayout()
        self.middle_row.setObjectName(u"middle_row")
        self.list_box = QGroupBox(BackupDialog)
        self.list_box.setObjectName(u"list_box")
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setObjectName(u"list_layout")
        self.backups_table = QTableWidget(self.list_box)
        if (self.backups_table.columnCount() < 3):
            self.backups_table.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.backups_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.backups_table.setObjectName(u"backups_table")
        self.backups_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups_table.setColumnCount(3)
        self.backups_table.horizontalHeader().setStretchLastSection(True)
        self.backups_table.verticalHeader().setVisible(False)

        self.list_layout.addWidget(self.backups_table)

        self.rotation_note = QLabel(self.list_box)
        self.rotation_note.setObjectName(u"rotation_note")
        self.rotation_note.setWordWrap(True)

        self.list_layout.addWidget(self.rotation_note)

        self.now_row = QHBoxLayout()
        self.now_row.setObjectName(u"now_row")
        self.backup_now_button = QPushButton(self.list_box)
        self.backup_now_button.setObjectName(u"backup_now_button")

        self.now_row.addWidget(self.backup_now_button)

        self.now_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.now_row.addItem(self.now_spacer)


        self.list_layout.addLayout(self.now_row)


        self.middle_row.addWidget(self.list_box)

        self.stick_box = QGroupBox(BackupDialog)
        self.stick_box.setObjectName(u"stick_box")
        self.stick_layout = QVBoxLayout(self.stick_box)
        self.stick_layout.setObjectName(u"stick_layout")
        self.drives = ExportDrives(self.stick_box)
        self.drives.setObjectName(u"drives")

        self.stick_layout.addWidget(self.drives)

        self.passphrase_form = QFormLayout()
        self.passphrase_form.setObjectName(u"passphrase_form")
        self.passphrase_label = QLabel(self.stick_box)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.passphrase_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase = QLineEdit(self.stick_box)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphrase_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase)

        self.again_label = QLabel(self.stick_box)
        self.again_label.setObjectName(u"again_label")

        self.passphrase_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.again_label)

        self.passphrase_again = QLineEdit(self.stick_box)
        self.passphrase_again.setObjectName(u"passphrase_again")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphrase_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passphrase_again)


        self.stick_layout.addLayout(self.passphrase_form)

        self.passphrase_note = QLabel(self.stick_box)
        self.passphrase_note.setObjectName(u"passphrase_note")
        self.passphrase_note.setWordWrap(True)

        self.stick_layout.addWidget(self.passphrase_note)

        self.passphrase_problem = QLabel(self.stick_box)
        self.passphrase_problem.setObjectName(u"passphrase_problem")
        self.passphrase_problem.setWordWrap(True)

        self.stick_layout.addWidget(self.passphrase_problem)

        self.stick_row = QHBoxLayout()
        self.stick_row.setObjectName(u"stick_row")
        self.write_stick_button = QPushButton(self.stick_box)
        self.write_stick_button.setObjectName(u"write_stick_button")

        self.stick_row.addWidget(self.write_stick_button)

        self.stick_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.stick_row.addItem(self.stick_spacer)


        self.stick_layout.addLayout(self.stick_row)

        self.stick_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.stick_layout.addItem(self.stick_bottom)


        self.middle_row.addWidget(self.stick_box)

        self.middle_row.setStretch(0, 3)
        self.middle_row.setStretch(1, 2)

        self.backup_layout.addLayout(self.middle_row)

        self.progress_box = QWidget(BackupDialog)
        self.progress_box.setObjectName(u"progress_box")
        self.progress_layout = QHBoxLayout(self.progress_box)
        self.progress_layout.setObjectName(u"progress_layout")
        self.progress_layout.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self.progress_box)
        self.progress_label.setObjectName(u"progress_label")

        self.progress_layout.addWidget(self.progress_label)

        self.progress = QProgressBar(self.progress_box)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.progress_layout.addWidget(self.progress)

        self.cancel_button = QPushButton(self.progress_box)
        self.cancel_button.setObjectName(u"cancel_button")

        self.progress_layout.addWidget(self.cancel_button)

        self.progress_layout.setStretch(1, 1)

        self.backup_layout.addWidget(self.progress_box)

        self.status_label = QLabel(BackupDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_layout.addWidget(self.status_label)

        self.button_row = QHBoxLayout()
        self.button_row.setObjectName(u"button_row")
        self.restore_button = QPushButton(BackupDialog)
        self.restore_button.setObjectName(u"restore_button")

        self.button_row.addWidget(self.restore_button)

        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_row.addItem(self.button_spacer)

        self.close_button = QPushButton(BackupDialog)
        self.close_button.setObjectName(u"close_button")

        self.button_row.addWidget(self.close_button)


        self.backup_layout.addLayout(self.button_row)

        self.backup_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.passphrase_label.setBuddy(self.passphrase)
        self.again_label.setBuddy(self.passphrase_again)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(BackupDialog)

        QMetaObject.connectSlotsByName(BackupDialog)
    # setupUi

    def retranslateUi(self, BackupDialog):
        BackupDialog.setWindowTitle(QCoreApplication.translate("BackupDialog", u"\u5907\u4efd\u4e0e\u6062\u590d", None))
        self.folder_label.setText(QCoreApplication.translate("BackupDialog", u"\u5907\u4efd\u6587\u4ef6\u5939\uff1a", None))
        self.change_folder_button.setText(QCoreApplication.translate("BackupDialog", u"\u66f4\u6539\u2026", None))
#if QT_CONFIG(tooltip)
        self.change_folder_button.setToolTip(QCoreApplication.translate("BackupDialog", u"\u9009\u62e9\u53e6\u4e00\u4e2a\u6587\u4ef6\u5939\u5b58\u653e\u81ea\u52a8\u548c\u624b\u52a8\u5907\u4efd\uff08\u6700\u597d\u5728\u53e6\u4e00\u5757\u786c\u76d8\u4e0a\uff0c\u5982 D:\\\u5b66\u7c4d\u5907\u4efd\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.open_folder_button.setText(QCoreApplication.translate("BackupDialog", u"\u6253\u5f00\u6587\u4ef6\u5939", None))
        self.list_box.setTitle(QCoreApplication.translate("BackupDialog", u"\u5907\u4efd\u6587\u4ef6\u5939\u4e2d\u7684\u5907\u4efd\uff08\u6700\u65b0\u7684\u5728\u524d\uff09", None))
        ___qtablewidgetitem = self.backups_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("BackupDialog", u"\u5907\u4efd\u65f6\u95f4", None))
        ___qtablewidgetitem1 = self.backups_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("BackupDialog", u"\u7c7b\u578b", None))
        ___qtablewidgetitem2 = self.backups_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("BackupDialog", u"\u5927\u5c0f", None))
        self.rotation_note.setText(QCoreApplication.translate("BackupDialog", u"\u6bcf\u5929\u7b2c\u4e00\u6b21\u6253\u5f00\u7a0b\u5e8f\u65f6\u81ea\u52a8\u5907\u4efd\uff1b\u6062\u590d\u3001\u5347\u5e74\u7ea7\u7b49\u4e0d\u53ef\u64a4\u9500\u7684\u64cd\u4f5c\u4e4b\u524d\u4e5f\u5148\u5907\u4efd\u3002\u81ea\u52a8\u4fdd\u7559\u6700\u8fd1 7 \u5929\u30015 \u5468\u300112 \u4e2a\u6708\u5404\u4e00\u4efd\u3002", None))
        self.backup_now_button.setText(QCoreApplication.translate("BackupDialog", u"\u7acb\u5373\u5907\u4efd", None))
#if QT_CONFIG(tooltip)
        self.backup_now_button.setToolTip(QCoreApplication.translate("BackupDialog", u"\u628a\u5f53\u524d\u6570\u636e\u5e93\u590d\u5236\u4e00\u4efd\u5230\u5907\u4efd\u6587\u4ef6\u5939\uff0c\u5e76\u68c0\u67e5\u526f\u672c\u5b8c\u597d", None))
#endif // QT_CONFIG(tooltip)
        self.stick_box.setTitle(QCoreApplication.translate("BackupDialog", u"\u52a0\u5bc6\u5907\u4efd\u5230 U \u76d8", None))
        self.passphrase_label.setText(QCoreApplication.translate("BackupDialog", u"\u52a0\u5bc6\u5bc6\u7801\uff1a", None))
        self.again_label.setText(QCoreApplication.translate("BackupDialog", u"\u518d\u8f93\u5165\u4e00\u6b21\uff1a", None))
        self.passphrase_note.setText(QCoreApplication.translate("BackupDialog", u"\u5bc6\u7801\u81f3\u5c11 8 \u4e2a\u5b57\u7b26\u3002\u6062\u590d\u65f6\u987b\u8f93\u5165\u540c\u4e00\u5bc6\u7801\uff0c\u8bf7\u53e6\u884c\u59a5\u5584\u4fdd\u7ba1\uff1a\u5fd8\u8bb0\u5bc6\u7801\uff0c\u8fd9\u4efd\u5907\u4efd\u5c31\u65e0\u6cd5\u6062\u590d\u3002", None))
        self.write_stick_button.setText(QCoreApplication.translate("BackupDialog", u"\u5199\u5165 U \u76d8", None))
        self.cancel_button.setText(QCoreApplication.translate("BackupDialog", u"\u53d6\u6d88", None))
        self.restore_button.setText(QCoreApplication.translate("BackupDialog", u"\u6062\u590d\u5907\u4efd\u2026", None))
#if QT_CONFIG(tooltip)
        self.restore_button.setToolTip(QCoreApplication.translate("BackupDialog", u"\u7528\u4e00\u4efd\u5907\u4efd\u66ff\u6362\u5f53\u524d\u6570\u636e\u5e93\uff08\u987b\u7ba1\u7406\u5458\uff1b\u5f53\u524d\u6570\u636e\u5e93\u5148\u53e6\u5b58\u4e00\u4efd\u5907\u4efd\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.close_button.setText(QCoreApplication.translate("BackupDialog", u"\u5173\u95ed", None))
    # retranslateUi

