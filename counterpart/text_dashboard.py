"""Interface text of the manager dashboard."""

# Merged into counterpart.i18n.TEXT; keys are prefixed with the workspace name.

from __future__ import annotations

_TEXT: dict[str, tuple[str, str]] = {
    # page and filters
    "dashboard.intro": (
        "Your trainees' progress, scores and certificates. Pick a row of any table to see the "
        "trainees behind it.",
        "学员的进度、评分和证书。点选任一表格中的一行，即可查看其背后的学员。",
    ),
    "dashboard.not_allowed": (
        "The dashboard is for managers, QA leads and admins.",
        "看板仅供主管、质检和管理员使用。",
    ),
    "dashboard.no_teams": (
        "You manage no team yet, so the manager dashboard has no trainees to show. An admin "
        "assigns managers to teams.",
        "你还没有负责的团队，因此主管看板暂无学员可显示。请联系管理员为你分配团队。",
    ),
    "dashboard.team": ("Team", "团队"),
    "dashboard.all_teams": ("All teams", "全部团队"),
    "dashboard.track": ("Track", "课程方向"),
    "dashboard.all_tracks": ("All tracks", "全部课程方向"),
    "dashboard.dates": ("Sessions ended between", "练习结束日期"),
    "dashboard.pick_both_dates": (
        "Pick the last day of the range too.",
        "请同时选择结束日期。",
    ),
    "dashboard.download": ("Download CSV", "下载 CSV"),
    "dashboard.empty": ("Nothing in this range.", "该范围内没有数据。"),
    # sections
    "dashboard.overview": ("Cohort", "学员概况"),
    "dashboard.funnel": ("Through the track", "课程进度漏斗"),
    "dashboard.pass_rates": ("Pass rates", "通过率"),
    "dashboard.time_to_certify": ("Time to certify", "获证用时"),
    "dashboard.lesson_heatmap": ("Scores by lesson", "各课程评分"),
    "dashboard.team_heatmap": ("Scores by team", "各团队评分"),
    "dashboard.trends": ("Week by week", "每周趋势"),
    "dashboard.weakest_lessons": ("Weakest lessons", "最薄弱的课程"),
    "dashboard.weakest_personas": ("Hardest customers", "最难应对的客户"),
    "dashboard.certificates": (
        "Certificates expiring or needing a refresh",
        "即将到期或需要复训的证书",
    ),
    "dashboard.definitions": (
        "In progress: practised a track in the date range without holding its certificate. "
        "Stuck: where they are now, either no practice for 14 days, or 3 or more tries at the "
        "same lesson without a pass, without the track's certificate. Certified: the latest "
        "certificate is valid. Needs refresh: a policy section it rests on has changed.",
        "学习中：在所选日期内练习过某课程方向、但尚未持有其证书。卡住：尚未获得该方向证书，且"
        "14 天没有练习，或同一课程尝试 3 次以上仍未通过。已认证：最新证书有效。需要复训：证书所"
        "依据的政策条款已变更。",
    ),
    # drill-down
    "dashboard.behind": ("Trainees behind: {what}", "背后的学员：{what}"),
    "dashboard.show_behind": ("Show the trainees behind", "查看背后的学员"),
    "dashboard.pick_figure": ("Pick a figure", "选择一个指标"),
    "dashboard.pick_trainee": ("Open a trainee", "查看学员"),
    "dashboard.pick_session": ("Open a transcript", "查看对话记录"),
    "dashboard.open_trainee": ("All of this trainee's sessions", "该学员的全部练习"),
    "dashboard.open_transcript": ("Read this transcript", "阅读这段对话记录"),
    "dashboard.sessions_of": ("Sessions in view", "所选范围内的练习"),
    "dashboard.session_option": ("{ended} · {lesson}", "{ended} · {lesson}"),
    "dashboard.no_trainees": ("No trainees behind this.", "没有相关学员。"),
    "dashboard.no_team": ("No team", "未分组"),
    # overview figures
    "dashboard.figure.trainees": ("Trainees", "学员"),
    "dashboard.figure.in_progress": ("In progress", "学习中"),
    "dashboard.figure.certified": ("Certified", "已认证"),
    "dashboard.figure.needs_refresh": ("Needs refresh", "需要复训"),
    "dashboard.figure.stuck": ("Stuck", "卡住"),
    # funnel stages
    "dashboard.stage.started": ("Started", "已开始"),
    "dashboard.stage.module": ("Passed module", "通过模块"),
    "dashboard.stage.exam": ("Sat the exam", "参加考试"),
    "dashboard.stage.certified": ("Certified", "获得证书"),
    # certificate states
    "dashboard.state.valid": ("valid", "有效"),
    "dashboard.state.expiring": ("expiring soon", "即将到期"),
    "dashboard.state.needs_refresh": ("needs refresh", "需要复训"),
    "dashboard.state.expired": ("expired", "已过期"),
    # dimensions
    "dashboard.dimension.empathy": ("Empathy", "共情"),
    "dashboard.dimension.policy": ("Policy", "政策"),
    "dashboard.dimension.speed": ("Speed", "速度"),
    "dashboard.dimension.resolution": ("Resolution", "问题解决"),
    # columns
    "dashboard.col.figure": ("Figure", "指标"),
    "dashboard.col.trainees": ("Trainees", "学员数"),
    "dashboard.col.track": ("Track", "课程方向"),
    "dashboard.col.step": ("Step", "步骤"),
    "dashboard.col.stage": ("Stage", "阶段"),
    "dashboard.col.module": ("Module", "模块"),
    "dashboard.col.share_of_started": ("% of those who started", "占已开始的比例 %"),
    "dashboard.col.lesson": ("Lesson", "课程"),
    "dashboard.col.sessions": ("Sessions", "练习次数"),
    "dashboard.col.pass_rate": ("Pass rate %", "通过率 %"),
    "dashboard.col.trainees_passed": ("Trainees who passed", "通过的学员数"),
    "dashboard.col.certificate": ("Certificate", "证书"),
    "dashboard.col.certified": ("Certified", "获证人数"),
    "dashboard.col.median_days": ("Median days", "中位天数"),
    "dashboard.col.fastest_days": ("Fastest (days)", "最快（天）"),
    "dashboard.col.slowest_days": ("Slowest (days)", "最慢（天）"),
    "dashboard.col.empathy": ("Empathy", "共情"),
    "dashboard.col.policy": ("Policy", "政策"),
    "dashboard.col.speed": ("Speed", "速度"),
    "dashboard.col.resolution": ("Resolution", "问题解决"),
    "dashboard.col.team": ("Team", "团队"),
    "dashboard.col.week": ("Week of", "周（起始日）"),
    "dashboard.col.certificates": ("Certificates issued", "颁发证书数"),
    "dashboard.col.weakest_dimension": ("Weakest", "最弱维度"),
    "dashboard.col.persona": ("Customer", "客户"),
    "dashboard.col.trainee": ("Trainee", "学员"),
    "dashboard.col.state": ("State", "状态"),
    "dashboard.col.changed": ("Changed policy sections", "已变更的政策条款"),
    "dashboard.col.issued": ("Issued", "颁发日期"),
    "dashboard.col.expires": ("Expires", "到期日期"),
    "dashboard.col.passed": ("Passed", "通过"),
    "dashboard.col.last_session": ("Last session", "最近练习"),
    "dashboard.col.ended": ("Ended", "结束时间"),
    "dashboard.col.exam": ("Exam", "考试"),
    "dashboard.col.handling_minutes": ("Minutes", "用时（分钟）"),
    "dashboard.col.score": ("Score", "分数"),
    "dashboard.col.dimension": ("Dimension", "维度"),
}

TEXT: dict[str, dict[str, str]] = {key: {"en": en, "zh": zh} for key, (en, zh) in _TEXT.items()}
