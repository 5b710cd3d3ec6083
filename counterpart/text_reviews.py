"""Interface text of transcripts, trainee drill-down, grade overrides and calibration."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "reviews.page_transcript": {"en": "Transcript", "zh": "对话记录"},
    "reviews.page_trainee": {"en": "Trainee", "zh": "学员详情"},
    "reviews.page_my_sessions": {"en": "My sessions", "zh": "我的练习记录"},
    "reviews.page_calibration": {"en": "Calibration", "zh": "评分校准"},
    "reviews.page_queue": {"en": "Review queue", "zh": "待复核"},
    "reviews.no_session": {
        "en": "Open a transcript from a trainee's sessions or the review queue.",
        "zh": "请从学员的练习列表或待复核列表中打开对话记录。",
    },
    "reviews.not_visible": {
        "en": "This transcript does not exist or is not yours to see.",
        "zh": "该对话记录不存在，或你无权查看。",
    },
    "reviews.no_trainee": {
        "en": "Open a trainee from the dashboard.",
        "zh": "请从看板中打开学员。",
    },
    "reviews.trainee_not_visible": {
        "en": "This trainee does not exist or is not in a team you may see.",
        "zh": "该学员不存在，或不在你可查看的团队中。",
    },
    "reviews.meta": {
        "en": "{trainee} · customer: {persona} · started {started} · engine: {engine}",
        "zh": "{trainee} · 客户：{persona} · 开始于 {started} · 引擎：{engine}",
    },
    "reviews.open_trainee": {"en": "All sessions of {trainee}", "zh": "{trainee} 的全部练习"},
    "reviews.reply_meta": {
        "en": "Replied in {seconds} s · customer satisfaction after: {satisfaction}",
        "zh": "回复用时 {seconds} 秒 · 回复后客户满意度：{satisfaction}",
    },
    "reviews.overruled": {
        "en": "Overruled by {reviewer} on {date}: automatic {automatic}, now {score}",
        "zh": "{reviewer} 于 {date} 复核：自动评分 {automatic}，改为 {score}",
    },
    "reviews.findings": {"en": "Findings", "zh": "评分依据"},
    "reviews.overrule": {"en": "Overrule a grade", "zh": "复核评分"},
    "reviews.dimension": {"en": "Dimension", "zh": "维度"},
    "reviews.score": {"en": "Score (0-100)", "zh": "分数（0-100）"},
    "reviews.note": {"en": "Why (required)", "zh": "理由（必填）"},
    "reviews.submit": {"en": "Save override", "zh": "保存复核"},
    "reviews.saved": {
        "en": "Override saved: {dimension} {score}.",
        "zh": "复核已保存：{dimension} {score} 分。",
    },
    "reviews.bad_score": {
        "en": "Give a whole-number score from 0 to 100.",
        "zh": "请给出 0 到 100 之间的整数分。",
    },
    "reviews.bad_dimension": {
        "en": "Pick a dimension this reply was graded on.",
        "zh": "请选择该回复已评分的维度。",
    },
    "reviews.bad_note": {
        "en": "Say why the grade is overruled (at most 2,000 characters).",
        "zh": "请说明复核理由（最多 2000 字）。",
    },
    "reviews.bad_turn": {
        "en": "Only a trainee's reply can be overruled.",
        "zh": "只能复核学员的回复。",
    },
    "reviews.not_allowed": {
        "en": "You may not overrule this grade.",
        "zh": "你无权复核该评分。",
    },
    "reviews.in_progress": {"en": "in progress", "zh": "进行中"},
    "reviews.team": {"en": "Team: {team}", "zh": "团队：{team}"},
    "reviews.no_team": {"en": "In no team", "zh": "未分配团队"},
    "reviews.sessions": {"en": "Sessions", "zh": "练习记录"},
    "reviews.no_sessions": {"en": "No sessions yet.", "zh": "暂无练习记录。"},
    "reviews.open_session": {
        "en": "Session {id}: {lesson}, {date}",
        "zh": "练习 {id}：{lesson}，{date}",
    },
    "reviews.open_queued": {
        "en": "Session {id}: {trainee}, {lesson}",
        "zh": "练习 {id}：{trainee}，{lesson}",
    },
    "reviews.col_session": {"en": "Session", "zh": "练习"},
    "reviews.col_trainee": {"en": "Trainee", "zh": "学员"},
    "reviews.col_started": {"en": "Started", "zh": "开始时间"},
    "reviews.col_lesson": {"en": "Lesson", "zh": "课程"},
    "reviews.col_customer": {"en": "Customer", "zh": "客户"},
    "reviews.col_exam": {"en": "Exam", "zh": "考试"},
    "reviews.col_end": {"en": "Ended", "zh": "结束原因"},
    "reviews.col_passed": {"en": "Passed", "zh": "通过"},
    "reviews.col_overruled": {"en": "Overruled", "zh": "已复核"},
    "reviews.col_minutes": {"en": "Minutes", "zh": "时长（分钟）"},
    "reviews.col_dimension": {"en": "Dimension", "zh": "维度"},
    "reviews.col_language": {"en": "Language", "zh": "语言"},
    "reviews.col_count": {"en": "Overrides", "zh": "复核数"},
    "reviews.col_mean_abs": {"en": "Mean difference", "zh": "平均差距"},
    "reviews.col_within": {"en": "Within 10 points", "zh": "相差 10 分以内"},
    "reviews.col_signed": {"en": "Reviewer minus grader", "zh": "复核减自动评分"},
    "reviews.col_band": {"en": "Same band", "zh": "同一档位"},
    "reviews.calibration_title": {"en": "Grader calibration", "zh": "评分校准"},
    "reviews.calibration_intro": {
        "en": "How far the reviewers' overrides agree with the automatic grades they overruled "
        "(the newest override of each reply and dimension). Reviewer minus grader above zero: "
        "the grader scores too harshly; below zero: too leniently. Bands: 0-49, 50-69, 70-84, "
        "85-100.",
        "zh": "复核评分与被复核的自动评分的一致程度（每条回复每个维度取最新一次复核）。"
        "复核减自动评分大于零：自动评分偏严；小于零：偏松。档位：0-49、50-69、70-84、85-100。",
    },
    "reviews.calibration_not_allowed": {
        "en": "Only managers, QA leads and admins see grader calibration.",
        "zh": "只有主管、质检负责人和管理员可以查看评分校准。",
    },
    "reviews.no_overrides": {
        "en": "No grades have been overruled yet.",
        "zh": "暂无复核记录。",
    },
    "reviews.by_dimension": {"en": "By dimension", "zh": "按维度"},
    "reviews.by_language": {"en": "By dimension and language", "zh": "按维度和语言"},
    "reviews.chart_title": {
        "en": "Reviewer minus grader, mean points",
        "zh": "复核减自动评分（平均分差）",
    },
    "reviews.judge_title": {"en": "With the LLM judge", "zh": "大模型评审"},
    "reviews.judge_none": {
        "en": "No reply graded with the LLM judge has been overruled yet.",
        "zh": "尚无经大模型评审的回复被复核。",
    },
    "reviews.judge_intro": {
        "en": "Empathy only (the judge never moves the policy score). On replies graded with "
        "the judge, the overrides against the judged score and against the offline score the "
        "judge started from; replies graded offline only, for comparison.",
        "zh": "仅限共情（大模型评审不改变政策分）。对经大模型评审的回复，分别比较复核评分与"
        "评审后的分数、评审前的离线分数；另列仅离线评分的回复作对照。",
    },
    "reviews.judged": {"en": "Judged score", "zh": "评审后分数"},
    "reviews.offline_of_judged": {
        "en": "Offline score of the same replies",
        "zh": "同批回复的离线分数",
    },
    "reviews.unjudged": {"en": "Replies graded offline only", "zh": "仅离线评分的回复"},
    "reviews.download": {"en": "Download CSV", "zh": "下载 CSV"},
    "reviews.queue_title": {"en": "Review queue", "zh": "待复核"},
    "reviews.queue_intro": {
        "en": "Recent sessions below a pass mark, or where the customer escalated or gave up, "
        "that no one has overruled yet.",
        "zh": "近期未达标、客户升级投诉或放弃、且尚未复核的练习。",
    },
    "reviews.queue_empty": {"en": "Nothing waiting for review.", "zh": "暂无待复核的练习。"},
}
