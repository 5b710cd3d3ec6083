"""Interface text of accounts, roles, teams and user import."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "role.qa": {"en": "QA lead", "zh": "质检"},
    "role.admin": {"en": "admin", "zh": "管理员"},
    "admin.page": {"en": "Accounts and teams", "zh": "账号与团队"},
    "admin.not_allowed": {
        "en": "Only an admin may manage accounts and teams.",
        "zh": "只有管理员可以管理账号和团队。",
    },
    "admin.failed": {"en": "Not saved: {problem}", "zh": "未保存：{problem}"},
    "admin.people": {"en": "People", "zh": "人员"},
    "admin.username": {"en": "Username", "zh": "用户名"},
    "admin.display_name": {"en": "Display name", "zh": "显示名称"},
    "admin.role": {"en": "Role", "zh": "角色"},
    "admin.team": {"en": "Team", "zh": "团队"},
    "admin.manages": {"en": "Manages", "zh": "负责团队"},
    "admin.no_team": {"en": "no team", "zh": "无团队"},
    "admin.add_user": {"en": "Add a person", "zh": "添加人员"},
    "admin.password": {"en": "Password", "zh": "密码"},
    "admin.password_help": {
        "en": "At least 8 characters. Leave it empty to make a temporary password, shown once.",
        "zh": "至少 8 个字符。留空则生成临时密码，只显示一次。",
    },
    "admin.add": {"en": "Add", "zh": "添加"},
    "admin.user_added": {
        "en": "Created {username} ({role}).",
        "zh": "已创建 {username}（{role}）。",
    },
    "admin.temporary_passwords": {
        "en": "Temporary passwords, shown only now: hand each to its person.",
        "zh": "临时密码只在此显示一次，请分别交给对应的人员。",
    },
    "admin.temporary_password": {"en": "Temporary password", "zh": "临时密码"},
    "admin.change_person": {"en": "Role and team of a person", "zh": "人员的角色与团队"},
    "admin.person": {"en": "Person", "zh": "人员"},
    "admin.save": {"en": "Save", "zh": "保存"},
    "admin.person_saved": {
        "en": "{username}: {role}, {team}.",
        "zh": "{username}：{role}，{team}。",
    },
    "admin.teams": {"en": "Teams", "zh": "团队"},
    "admin.create_team": {"en": "Create a team", "zh": "创建团队"},
    "admin.team_name": {"en": "Team name", "zh": "团队名称"},
    "admin.team_name_help": {
        "en": "Letters, digits, spaces and . ' ( ) / + & -; unique, whatever the case.",
        "zh": "可用字母、数字、空格和 . ' ( ) / + & -；名称不能重复（不区分大小写）。",
    },
    "admin.create": {"en": "Create", "zh": "创建"},
    "admin.team_created": {"en": "Team {team} created.", "zh": "已创建团队 {team}。"},
    "admin.managers": {"en": "Managers of a team", "zh": "团队主管"},
    "admin.managers_help": {
        "en": "A manager sees the trainees of the teams they manage, and no others. Only people "
        "with the role manager can be chosen.",
        "zh": "主管只能看到自己负责团队的学员。只能选择角色为主管的人员。",
    },
    "admin.managers_saved": {"en": "Managers of {team} saved.", "zh": "已保存 {team} 的主管。"},
    "admin.no_teams": {"en": "No teams yet: create one first.", "zh": "还没有团队，请先创建。"},
    "admin.import": {"en": "Import from CSV", "zh": "从 CSV 导入"},
    "admin.import_help": {
        "en": "A UTF-8 file whose first line is the header username,display_name,role,team,"
        "password. An empty password makes a temporary one. Every row is checked first; if "
        "any row has a problem, no one is imported.",
        "zh": "UTF-8 编码的文件，第一行为表头 username,display_name,role,team,password。"
        "密码留空则生成临时密码。导入前逐行检查；任何一行有问题，整批都不导入。",
    },
    "admin.import_file": {"en": "CSV file", "zh": "CSV 文件"},
    "admin.create_teams": {
        "en": "Create the teams the file names that do not exist yet",
        "zh": "自动创建文件中尚不存在的团队",
    },
    "admin.import_problems": {
        "en": "{n} problem(s) in the file: no one will be imported. Fix the file and upload it "
        "again.",
        "zh": "文件中有 {n} 个问题：整批都不会导入。请修改文件后重新上传。",
    },
    "admin.import_ready": {
        "en": "{n} people ready to import; new teams: {teams}.",
        "zh": "{n} 人可以导入；新团队：{teams}。",
    },
    "admin.password_given": {"en": "given", "zh": "已提供"},
    "admin.password_temporary": {"en": "temporary", "zh": "临时生成"},
    "admin.import_button": {"en": "Import {n} people", "zh": "导入 {n} 人"},
    "admin.hashing": {
        "en": "Hashing passwords: {done}/{total}",
        "zh": "正在加密密码：{done}/{total}",
    },
    "admin.imported": {"en": "Imported {n} people.", "zh": "已导入 {n} 人。"},
    "admin.none": {"en": "none", "zh": "无"},
}
