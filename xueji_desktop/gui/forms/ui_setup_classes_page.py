# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_classes_page.ui'
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
from PySide6.QtWidgets import (QApplication, QHeaderView, QLabel, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_ClassesPage(object):
    def setupUi(self, ClassesPage):
        if not ClassesPage.objectName():
            ClassesPage.setObjectName(u"ClassesPage")
        self.column = QVBoxLayout(ClassesPage)
        self.column.setObjectName(u"column")
        self.table = QTableWidget(ClassesPage)
        if (self.table.columnCount() < 4):
            self.table.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.table.setObjectName(u"table")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(32)

        self.column.addWidget(self.table)

        self.errors = QLabel(ClassesPage)
        self.errors.setObjectName(u"errors")
        self.errors.setWordWrap(True)

        self.column.addWidget(self.errors)


        self.retranslateUi(ClassesPage)

        QMetaObject.connectSlotsByName(ClassesPage)
    # setupUi

    def retranslateUi(self, ClassesPage):
        ClassesPage.setTitle(QCoreApplication.translate("ClassesPage", u"\u5e74\u7ea7\u548c\u73ed\u7ea7", None))
        ClassesPage.setSubTitle(QCoreApplication.translate("ClassesPage", u"\u6bcf\u4e2a\u5e74\u7ea7\u7684\u73ed\u7ea7\u6570\u548c\u6bcf\u73ed\u8ba1\u5212\u4eba\u6570\uff1b\u8ba1\u5212\u4eba\u6570\u4e0d\u80fd\u8d85\u8fc7\u672c\u5730\u533a\u7684\u73ed\u989d\u4e0a\u9650\u3002", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ClassesPage", u"\u5e74\u7ea7", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ClassesPage", u"\u73ed\u7ea7\u6570", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ClassesPage", u"\u6bcf\u73ed\u8ba1\u5212\u4eba\u6570", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ClassesPage", u"\u672c\u5730\u533a\u73ed\u989d", None))
    # retranslateUi

