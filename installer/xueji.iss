; Inno Setup 6 script: the Windows installer of 学籍桌面 (docs/windows-build.md; CI: .github/workflows/windows-build.yml).
;   pyinstaller --noconfirm build_installer.spec        -> dist\学籍桌面\ (xueji.exe, xueji-cli.exe, _internal\)
;   iscc /DAppVersion=0.1.0 installer\xueji.iss          -> dist\installer\xueji-desktop-0.1.0-setup.exe
; Per-user install, no administrator needed: %LOCALAPPDATA%\Programs\学籍桌面 ({userpf}). The school's data is
; never in the program folder: the database, its backups beside it and the log live in the user's data folder
; (platformdirs: %LOCALAPPDATA%\xueji-desktop\, the log in %LOCALAPPDATA%\xueji-desktop\Logs\), so installing a
; newer version over an older one keeps them (the new program copies the database aside before it changes its
; schema), and the uninstaller leaves them and says where they are.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist\学籍桌面"
#endif
#define AppName "学籍桌面"
#define AppExe "xueji.exe"
; platformdirs.user_data_dir("xueji-desktop", appauthor=False) on Windows (xueji_desktop/paths.py)
#define DataDir "{localappdata}\xueji-desktop"

[Setup]
; Never change AppId: an installer with the same AppId upgrades the installed program in place.
AppId={{6F1C2A8E-3B5D-4E7A-9C41-2D8B7E5F0A13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=学籍桌面
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 or newer (Qt 6)
MinVersion=10.0.17763
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; A running 学籍桌面 is closed (Restart Manager) before its files are replaced; the data is not in {app}.
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist\installer
OutputBaseFilename=xueji-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.5 and later; for an older Inno Setup put the file (from
; https://jrsoftware.org/files/istrans/) beside this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#endif

[CustomMessages]
chinesesimplified.DataKept=学籍数据没有删除，仍保存在：%n%n%1%n%n其中有学校数据库（xueji.sqlite3）、升级前的备份和日志。重新安装学籍桌面后会继续使用这些数据。如确实不再需要，请先把数据库复制到 U 盘保存，再手动删除这个文件夹。
chinesesimplified.CommandLine=学籍桌面命令行

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program: files an older version had and this one has not (a Qt plugin, a
; library) must not stay behind and be loaded. Only the program folder; never the data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
; For the county's IT staff: a command prompt with xueji-cli's help (xueji-cli --version, backup, export …);
; cmd /k ""C:\…\xueji-cli.exe" --help": the outer quotes are cmd's own, so a path with or without spaces works
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k """"{app}\xueji-cli.exe"" --help"""; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The uninstaller removes only what it installed ({app}, the shortcuts); the data folder stays. It says so,
// and where, unless it runs silently.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{#DataDir}');
    if DirExists(DataDir) and not UninstallSilent() then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
