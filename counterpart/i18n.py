"""Every piece of interface text, in English and Simplified Chinese, in one table.

The table is written in parts, one module per workspace (counterpart/text_*.py), merged here."""

from __future__ import annotations

from counterpart import text_admin, text_dashboard, text_reviews, text_workspace

LANGUAGES = {"en": "English", "zh": "简体中文"}

TEXT: dict[str, dict[str, str]] = {
    "app.title": {"en": "Counterpart", "zh": "Counterpart 客服陪练"},
    "app.language": {"en": "Language", "zh": "语言"},
    "app.sign_out": {"en": "Sign out", "zh": "退出登录"},
    "app.signed_in_as": {"en": "Signed in as {name} ({role})", "zh": "已登录：{name}（{role}）"},
    "app.content_problems": {
        "en": "Some content files are broken and were skipped:",
        "zh": "部分内容文件有错误，已跳过：",
    },
    "app.llm_offline": {
        "en": "No LLM configured: customers use the offline engine.",
        "zh": "未配置大模型：客户使用离线引擎。",
    },
    "app.llm_online": {"en": "Customer model: {model}", "zh": "客户模型：{model}"},
    "app.llm_problem": {"en": "LLM settings problem: {problem}", "zh": "大模型配置有误：{problem}"},
    "app.use_judge": {"en": "Grade with the LLM judge too", "zh": "同时使用大模型评审"},
    "app.use_judge_help": {
        "en": "The judge refines the empathy score; policy findings stay as the rules found "
        "them. If the judge fails, the offline grade stands.",
        "zh": "大模型评审只细化共情分；政策判定以规则为准。评审失败时沿用离线评分。",
    },
    "practice.better": {"en": "Try saying:", "zh": "可以这样说："},
    "role.trainee": {"en": "trainee", "zh": "学员"},
    "role.trainer": {"en": "trainer", "zh": "培训师"},
    "role.manager": {"en": "manager", "zh": "主管"},
    "page.sign_in": {"en": "Sign in", "zh": "登录"},
    "page.lessons": {"en": "Lessons", "zh": "课程"},
    "page.practice": {"en": "Practice", "zh": "练习"},
    "page.trainer": {"en": "Content", "zh": "内容管理"},
    "page.manager": {"en": "Dashboard", "zh": "看板"},
    "sign_in.username": {"en": "Username", "zh": "用户名"},
    "sign_in.password": {"en": "Password", "zh": "密码"},
    "sign_in.submit": {"en": "Sign in", "zh": "登录"},
    "sign_in.failed": {"en": "Wrong username or password.", "zh": "用户名或密码错误。"},
    "sign_in.demo_accounts": {
        "en": "Demo mode: sign in with one of these accounts.",
        "zh": "演示模式：可用以下账号登录。",
    },
    "lessons.title": {"en": "Your lessons", "zh": "我的课程"},
    "lessons.objectives": {"en": "Objectives", "zh": "学习目标"},
    "lessons.start": {"en": "Start", "zh": "开始"},
    "lessons.resume": {
        "en": "You have an unfinished session: {lesson}.",
        "zh": "你有一个未完成的练习：{lesson}。",
    },
    "lessons.resume_button": {"en": "Resume", "zh": "继续"},
    "lessons.meta": {
        "en": "Customer: {persona} · reply within {sla} s · up to {turns} replies",
        "zh": "客户：{persona} · {sla} 秒内回复 · 最多 {turns} 轮",
    },
    "lessons.curriculum": {"en": "Curriculum", "zh": "课程体系"},
    "lessons.grading": {
        "en": "A QA grading exercise: grade the agent's replies in a transcript; you are scored "
        "on agreement with the QA lead's key.",
        "zh": "质检评分练习：为对话中的客服回复打分，按与质检标准答案的一致程度计分。",
    },
    "lessons.open_exercise": {"en": "Open", "zh": "打开"},
    "page.grading_exercise": {"en": "Grading exercise", "zh": "评分练习"},
    "exercise.none": {
        "en": "No exercise open. Pick one from your lessons.",
        "zh": "当前没有打开的练习，请从课程中选择。",
    },
    "exercise.how": {
        "en": "Grade each agent reply 0-100. A grade within {tolerance} points of the key "
        "agrees; {share}% agreement passes.",
        "zh": "为每条客服回复打 0-100 分。与标准答案相差不超过 {tolerance} 分即为一致；一致率达到 "
        "{share}% 即通过。",
    },
    "exercise.submit": {"en": "Submit grades", "zh": "提交评分"},
    "exercise.result": {"en": "Agreement {share}%: {verdict}", "zh": "一致率 {share}%：{verdict}"},
    "exercise.check": {
        "en": "reply {turn}, {dimension}: you {given}, key {gold}",
        "zh": "第 {turn} 条，{dimension}：你的评分 {given}，标准 {gold}",
    },
    "lessons.passed": {"en": "Passed", "zh": "已通过"},
    "lessons.not_yet": {"en": "Not passed yet", "zh": "尚未通过"},
    "lessons.best": {
        "en": "best: {scores} · {n} attempt(s)",
        "zh": "最好成绩：{scores} · 共 {n} 次",
    },
    "lessons.track_locked": {
        "en": "This track opens once you hold: {certificates}.",
        "zh": "获得以下证书后开放：{certificates}。",
    },
    "lessons.locked": {
        "en": "Locked: first pass {needed}.",
        "zh": "未解锁：请先通过 {needed}。",
    },
    "lessons.exam": {"en": "Exam: {exam}", "zh": "考试：{exam}"},
    "lessons.exam_meta": {
        "en": "{chats} chats with fixed customers · {attempts} attempts · {hours} h between "
        "attempts · scores shown at the end",
        "zh": "{chats} 场固定客户对话 · 共 {attempts} 次机会 · 两次之间间隔 {hours} 小时 · "
        "结束后公布成绩",
    },
    "lessons.exam_start": {"en": "Start the exam", "zh": "开始考试"},
    "exam.held": {
        "en": "Exam in progress: scores are shown when the exam ends.",
        "zh": "考试进行中：成绩将在考试结束后公布。",
    },
    "exam.next": {"en": "Next exam chat", "zh": "下一场考试对话"},
    "exam.passed": {"en": "Exam passed.", "zh": "考试通过。"},
    "exam.failed": {"en": "Exam not passed.", "zh": "考试未通过。"},
    "exam.scenario": {"en": "{scenario}: {result}", "zh": "{scenario}：{result}"},
    "page.progress": {"en": "Progress", "zh": "学习进度"},
    "progress.needs_refresh": {
        "en": "{title} needs a refresh: {reason} Retake these lessons:",
        "zh": "{title} 需要复训：{reason} 请重做以下课程：",
    },
    "progress.renew": {
        "en": "Renew once these lessons are passed",
        "zh": "通过以上课程后续期证书",
    },
    "progress.expiring": {"en": "{title} expires on {date}.", "zh": "{title} 将于 {date} 到期。"},
    "progress.skills": {"en": "Skills (best scores)", "zh": "能力（最好成绩）"},
    "progress.lesson": {"en": "Lesson", "zh": "课程"},
    "progress.module": {"en": "Module", "zh": "模块"},
    "progress.attempts": {"en": "Attempts", "zh": "次数"},
    "progress.blocking": {
        "en": "{track}: to unlock the next module, pass {needed}.",
        "zh": "{track}：通过 {needed} 即可解锁下一个模块。",
    },
    "progress.history": {"en": "Attempt history", "zh": "练习记录"},
    "progress.when": {"en": "Started", "zh": "开始时间"},
    "progress.ended": {"en": "Ended", "zh": "结束原因"},
    "page.certificates": {"en": "Certificates", "zh": "证书"},
    "certificates.none": {
        "en": "No certificates yet: pass a track's exam to earn one.",
        "zh": "暂无证书：通过课程考试即可获得。",
    },
    "certificates.download": {"en": "Download (printable)", "zh": "下载（可打印）"},
    "certificates.status.valid": {"en": "valid", "zh": "有效"},
    "certificates.status.expired": {"en": "expired", "zh": "已过期"},
    "certificates.status.needs_refresh": {"en": "needs refresh", "zh": "需要复训"},
    "certificates.meta": {
        "en": "{level} · issued {issued} · expires {expires} · verification id {vid}",
        "zh": "{level} · 颁发于 {issued} · 有效期至 {expires} · 验证编号 {vid}",
    },
    "error.locked": {
        "en": "That lesson is locked: pass the earlier modules first.",
        "zh": "该课程尚未解锁：请先通过前面的模块。",
    },
    "error.not_eligible": {"en": "You cannot take this exam now.", "zh": "你现在不能参加该考试。"},
    "error.exam_open": {"en": "The exam is still in progress.", "zh": "考试仍在进行中。"},
    "lessons.none": {"en": "No curriculum is available.", "zh": "暂无可用课程。"},
    "practice.none": {
        "en": "No session in progress. Pick a lesson to start.",
        "zh": "当前没有进行中的练习，请先选择课程。",
    },
    "practice.go_lessons": {"en": "Go to lessons", "zh": "去选课程"},
    "practice.input": {"en": "Your reply to the customer", "zh": "回复客户"},
    "practice.end": {"en": "End session", "zh": "结束练习"},
    "practice.customer_failed": {
        "en": "The customer model did not answer: {error}. Your reply is saved.",
        "zh": "客户模型没有回应：{error}。你的回复已保存。",
    },
    "practice.retry": {"en": "Try again", "zh": "重试"},
    "practice.offline": {"en": "Continue with the offline customer", "zh": "改用离线客户继续"},
    "practice.why": {"en": "Why these scores", "zh": "评分理由"},
    "practice.engine": {"en": "Customer engine: {engine}", "zh": "客户引擎：{engine}"},
    "score.empathy": {"en": "Empathy", "zh": "共情"},
    "score.policy": {"en": "Policy", "zh": "政策"},
    "score.speed": {"en": "Speed", "zh": "速度"},
    "score.resolution": {"en": "Resolution", "zh": "解决"},
    "score.none": {"en": "n/a", "zh": "无"},
    "error.empty_reply": {"en": "Write a reply before sending.", "zh": "请先输入回复再发送。"},
    "error.reply_too_long": {
        "en": "That reply is too long to send.",
        "zh": "回复太长，无法发送。",
    },
    "error.session_ended": {"en": "This session has ended.", "zh": "本次练习已结束。"},
    "error.customer_pending": {
        "en": "Wait for the customer's answer first.",
        "zh": "请先等待客户回复。",
    },
    "error.not_yours": {"en": "This session is not yours.", "zh": "这不是你的练习。"},
    "error.nothing_pending": {"en": "Nothing to answer.", "zh": "没有待回复的消息。"},
    "error.unknown_lesson": {"en": "That lesson does not exist.", "zh": "该课程不存在。"},
    "error.broken_lesson": {
        "en": "This lesson's content is broken; tell your trainer.",
        "zh": "该课程内容有误，请联系培训师。",
    },
    "error.already_sent": {
        "en": "Already sent, from another tab or by a second click; the chat shows what was kept.",
        "zh": "已经发送过了（来自另一个标签页或重复点击），对话中显示的是已保存的内容。",
    },
    "error.customer_answering": {
        "en": "The customer is already answering in another tab; their answer will appear here.",
        "zh": "客户正在另一个标签页中回复，回复会显示在这里。",
    },
    "practice.your_reply": {
        "en": "Your reply, not sent (copy it to send again):",
        "zh": "你的回复（未发送，可复制后重新发送）：",
    },
    "practice.not_sent": {
        "en": "Not sent: the chat moved on in another tab while you wrote; read it, then send "
        "your reply again if it still fits.",
        "zh": "未发送：你输入时，对话已在另一个标签页中继续。"
        "请先阅读对话，如回复仍合适可再次发送。",
    },
    "summary.title": {"en": "Session summary", "zh": "练习总结"},
    "summary.ended": {"en": "Ended: {reason}", "zh": "结束原因：{reason}"},
    "summary.curve": {"en": "Customer satisfaction", "zh": "客户满意度"},
    "summary.passed": {"en": "passed", "zh": "通过"},
    "summary.failed": {"en": "below the pass mark", "zh": "未达标"},
    "summary.replies": {"en": "Replies: {n}", "zh": "回复数：{n}"},
    "summary.handling": {"en": "Handling time: {minutes} min", "zh": "处理时长：{minutes} 分钟"},
    "summary.missing_facts": {
        "en": "The lesson expected you to tell the customer:",
        "zh": "本课要求你告诉客户：",
    },
    "summary.again": {"en": "Back to lessons", "zh": "返回课程"},
    "end.resolved": {"en": "resolved", "zh": "问题已解决"},
    "end.abandoned": {"en": "the customer gave up", "zh": "客户放弃了"},
    "end.turn_limit": {"en": "turn limit reached", "zh": "达到轮数上限"},
    "end.ended_by_trainee": {"en": "ended by you", "zh": "由你结束"},
    "end.time_limit": {"en": "time limit reached", "zh": "时间已到"},
    "end.escalated": {"en": "escalated", "zh": "已升级投诉"},
    "trainer.title": {"en": "Try a persona", "zh": "试用客户角色"},
    "trainer.persona": {"en": "Persona", "zh": "客户角色"},
    "trainer.persona_file": {
        "en": "Persona file (edit to try changes; nothing is saved)",
        "zh": "角色文件（可修改后试用，不会保存）",
    },
    "trainer.engine": {"en": "Customer engine", "zh": "客户引擎"},
    "trainer.invalid": {
        "en": "This persona has problems; fix them to try it:",
        "zh": "该角色有错误，修正后才能试用：",
    },
    "trainer.valid": {"en": "The persona is valid.", "zh": "角色校验通过。"},
    "trainer.start": {"en": "Start a preview chat", "zh": "开始试聊"},
    "trainer.hidden_state": {"en": "Hidden state", "zh": "隐藏状态"},
    "trainer.satisfaction": {"en": "Satisfaction", "zh": "满意度"},
    "trainer.patience": {"en": "Patience left", "zh": "剩余耐心"},
    "trainer.revealed": {"en": "Facts given: {facts}", "zh": "已透露的信息：{facts}"},
    "trainer.noticed": {
        "en": "What the customer noticed in the last reply: {what}",
        "zh": "客户从上一条回复中注意到：{what}",
    },
    "trainer.threatened": {
        "en": "The customer has threatened to escalate.",
        "zh": "客户已威胁要升级投诉。",
    },
    "trainer.reply_as_agent": {"en": "Reply as the agent", "zh": "以客服身份回复"},
}


for _part in (text_dashboard.TEXT, text_reviews.TEXT, text_admin.TEXT, text_workspace.TEXT):
    _repeated = TEXT.keys() & _part.keys()
    assert not _repeated, f"interface text keys defined twice: {sorted(_repeated)}"
    TEXT.update(_part)


def t(key: str, language: str = "en", **values: object) -> str:
    """The text for `key` in `language` (English when missing), with values filled in."""
    entry = TEXT[key]
    return entry.get(language, entry["en"]).format(**values)
