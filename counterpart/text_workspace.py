"""Interface text of the trainer workspace: content files, policy publication, previews."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "workspace.page_content": {"en": "Content files", "zh": "内容文件"},
    "workspace.page_publish": {"en": "Publish a policy", "zh": "发布政策"},
    "workspace.preview_caption": {
        "en": "Check a persona and chat with it on either engine, watching its hidden state. "
        "Nothing is saved here: edit and save files on the Content files page.",
        "zh": "校验客户角色，并用任一引擎与其试聊，观察其隐藏状态。此处不会保存任何内容："
        "请在“内容文件”页面编辑并保存文件。",
    },
    "workspace.not_allowed": {
        "en": "Only trainers and admins may change content.",
        "zh": "只有培训师和管理员可以修改内容。",
    },
    "workspace.content_title": {"en": "Content files", "zh": "内容文件"},
    "workspace.content_caption": {
        "en": "Personas, policies and curricula, checked as `counterpart validate` checks them, "
        "references to the rest of the library included. A file is saved only without problems.",
        "zh": "客户角色、政策和课程，按 `counterpart validate` 的规则校验（包括与内容库其他文件的"
        "引用关系）。只有没有问题的文件才能保存。",
    },
    "workspace.kind": {"en": "Kind", "zh": "类型"},
    "workspace.kind.persona": {"en": "Personas", "zh": "客户角色"},
    "workspace.kind.policy": {"en": "Policies", "zh": "政策"},
    "workspace.kind.curriculum": {"en": "Curricula", "zh": "课程体系"},
    "workspace.file": {"en": "File", "zh": "文件"},
    "workspace.file_problems": {
        "en": "{name} ({count} problems)",
        "zh": "{name}（{count} 个问题）",
    },
    "workspace.no_files": {"en": "No files of this kind yet.", "zh": "该类型下还没有文件。"},
    "workspace.editor": {"en": "Contents of {file}", "zh": "{file} 的内容"},
    "workspace.validate": {"en": "Validate", "zh": "校验"},
    "workspace.save": {"en": "Save", "zh": "保存"},
    "workspace.reload": {"en": "Reload from disk", "zh": "重新读取文件"},
    "workspace.validate_first": {
        "en": "Validate the text to save it: Save is enabled once it has no problems.",
        "zh": "请先校验：没有问题后才能保存。",
    },
    "workspace.valid": {
        "en": "No problems: this file can be saved.",
        "zh": "没有问题，可以保存。",
    },
    "workspace.problems": {
        "en": "{count} problems (file:line: field: what was expected):",
        "zh": "{count} 个问题（文件:行: 字段: 期望的内容）：",
    },
    "workspace.saved": {
        "en": "Saved {file}; the app uses it from now on.",
        "zh": "已保存 {file}，应用即刻使用新内容。",
    },
    "workspace.not_saved": {"en": "Not saved:", "zh": "未保存："},
    "workspace.new_file": {"en": "New file", "zh": "新建文件"},
    "workspace.new_name": {
        "en": "Name, which is its id (lowercase letters, digits and '-')",
        "zh": "名称，即其 ID（小写字母、数字和“-”）",
    },
    "workspace.new_text": {
        "en": "Contents (starting as a copy of {file})",
        "zh": "内容（以 {file} 的副本为起点）",
    },
    "workspace.new_text_empty": {"en": "Contents", "zh": "内容"},
    "workspace.create": {"en": "Create", "zh": "创建"},
    "workspace.created": {"en": "Created {file}.", "zh": "已创建 {file}。"},
    "workspace.not_created": {"en": "Not created:", "zh": "未创建："},
    "workspace.publish_title": {"en": "Publish a policy version", "zh": "发布政策新版本"},
    "workspace.publish_caption": {
        "en": "Draft the next version, see what it changes and who needs a refresh, then "
        "publish it. Published versions are never edited here: a change is a new version.",
        "zh": "起草下一个版本，查看它改变了什么、谁需要复训，然后发布。已发布的版本不在此修改："
        "每次变更都是一个新版本。",
    },
    "workspace.policy": {"en": "Policy", "zh": "政策"},
    "workspace.current": {
        "en": "Current version {version}, in effect from {effective}.",
        "zh": "当前版本 {version}，自 {effective} 起生效。",
    },
    "workspace.new_version": {"en": "New version", "zh": "新版本号"},
    "workspace.effective": {"en": "In effect from", "zh": "生效日期"},
    "workspace.draft": {"en": "Draft the new version", "zh": "起草新版本"},
    "workspace.not_drafted": {"en": "No draft:", "zh": "无法起草："},
    "workspace.draft_first": {
        "en": "Draft a new version to start; it begins as a copy of the current one.",
        "zh": "请先起草新版本；草稿以当前版本为起点。",
    },
    "workspace.draft_text": {"en": "New version of {policy}", "zh": "{policy} 的新版本"},
    "workspace.show_impact": {"en": "Show the impact", "zh": "查看影响"},
    "workspace.impact_first": {
        "en": "See the impact of this text before publishing it.",
        "zh": "发布前请先查看此版本的影响。",
    },
    "workspace.text_changed": {
        "en": "The text changed since its impact was shown: show the impact again to publish.",
        "zh": "查看影响之后内容有改动：请重新查看影响后再发布。",
    },
    "workspace.impact": {"en": "Impact of {old} → {new}", "zh": "{old} → {new} 的影响"},
    "workspace.sections_changed": {"en": "Sections changed", "zh": "变更的条款"},
    "workspace.lessons_touched": {"en": "Lessons touched", "zh": "受影响的课程"},
    "workspace.scenarios_touched": {"en": "Exam scenarios touched", "zh": "受影响的考试场景"},
    "workspace.certificates_touched": {
        "en": "Certificates resting on a changed section",
        "zh": "依赖变更条款的证书",
    },
    "workspace.held_to_refresh": {
        "en": "Held certificates to refresh",
        "zh": "需复训的已发证书",
    },
    "workspace.no_change": {
        "en": "No section changes: no lesson is touched and nobody needs a refresh.",
        "zh": "没有条款变更：不影响任何课程，无人需要复训。",
    },
    "workspace.col.section": {"en": "Section", "zh": "条款"},
    "workspace.col.change": {"en": "Change", "zh": "变更"},
    "workspace.col.details": {"en": "Details", "zh": "详情"},
    "workspace.col.lesson": {"en": "Lesson or exam scenario", "zh": "课程或考试场景"},
    "workspace.col.why": {"en": "Why", "zh": "原因"},
    "workspace.col.certificate": {"en": "Certificate", "zh": "证书"},
    "workspace.col.held": {
        "en": "Held certificates to refresh",
        "zh": "需复训的已发证书数",
    },
    "workspace.change.added": {"en": "added", "zh": "新增"},
    "workspace.change.changed": {"en": "changed", "zh": "修改"},
    "workspace.change.removed": {"en": "removed", "zh": "删除"},
    "workspace.publish": {"en": "Publish {file}", "zh": "发布 {file}"},
    "workspace.published": {
        "en": "Published {file}; it applies from {effective}.",
        "zh": "已发布 {file}，自 {effective} 起适用。",
    },
    "workspace.not_published": {"en": "Not published:", "zh": "未发布："},
}
