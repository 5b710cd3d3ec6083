"""The manager dashboard: who is where in the curriculum, how well they do, and the people
behind every number, for the teams the viewer may see.

The figures, as counted (counterpart/storage/cohort/ does the counting in SQL from
one score row per ended session; turns and grades are never read):

- trainees: accounts with the trainee role in the teams in view.
- certified: trainees whose latest certificate of a track in view is valid now: not expired, and
  no policy section it rests on has changed since it was issued. A renewal or a retake replaces
  the certificate before it.
- needs refresh: trainees whose latest certificate of a track in view has not expired but rests
  on a policy section that changed since it was issued (counterpart.refresh.review decides).
- "holds a track's certificate" below: their latest certificate of it has not expired (valid or
  in need of a refresh: either way they are through the track).
- in progress: trainees with a session (practice or exam) on a track in view that ended in the
  date range, on a track whose certificate they do not hold.
- stuck: trainees whose latest session on a track in view (where they are now) is on a track
  whose certificate they do not hold, and either that session ended 14 or more days ago (no
  practice since), or it was practice of a lesson they have tried 3 or more times without
  ever passing it. Stuck ignores the date range: it is where they are now.
- funnel: of the trainees who started a track in the date range (their first session or QA
  exercise on it), how many passed every activity up to each module, sat its exam and earned
  its certificate (at any time since).
- pass rates: practice sessions of a lesson that ended in range and passed, over all of them;
  trainees who passed it at least once; exam attempts finished in range and passed.
- median time to certify: for trainees whose first certificate of a track was issued in the
  range, from their first session on the track (their account's creation when they have none)
  to that certificate, in days.
- heatmaps, trends, weakest lessons and personas: averages of the session scores (overrides
  count) of practice sessions that ended in range; a week starts on Monday (UTC).
- certificates to act on: each trainee's latest certificate of a track in view that needs a
  refresh, has expired, or expires within 30 days.
"""
