-- The terminal's progress line (io.herald.delivery.ConsoleProgress) was a Quarkus @Scheduled method, which Quartz
-- stored here as a job firing every two seconds. A thread of the node draws it now; the stored job would otherwise
-- fire on and warn that nothing answers to it.
DELETE FROM QRTZ_SIMPLE_TRIGGERS
 WHERE TRIGGER_GROUP = 'io.quarkus.scheduler.Scheduler'
   AND TRIGGER_NAME LIKE '%io.herald.delivery.ConsoleProgress_ScheduledInvoker_print_%';
DELETE FROM QRTZ_FIRED_TRIGGERS
 WHERE JOB_GROUP = 'io.quarkus.scheduler.Scheduler'
   AND JOB_NAME LIKE '%io.herald.delivery.ConsoleProgress_ScheduledInvoker_print_%';
DELETE FROM QRTZ_TRIGGERS
 WHERE TRIGGER_GROUP = 'io.quarkus.scheduler.Scheduler'
   AND TRIGGER_NAME LIKE '%io.herald.delivery.ConsoleProgress_ScheduledInvoker_print_%';
DELETE FROM QRTZ_JOB_DETAILS
 WHERE JOB_GROUP = 'io.quarkus.scheduler.Scheduler'
   AND JOB_NAME LIKE '%io.herald.delivery.ConsoleProgress_ScheduledInvoker_print_%';
