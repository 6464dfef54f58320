namespace Runc.Sharp.Runtime.Sys;

/// <summary>The numbers of struct sched_attr that a config sets (sched_setattr(2)).</summary>
public readonly record struct SchedulerAttributes(uint Policy, ulong Flags, int Nice, uint Priority, ulong Runtime, ulong Deadline, ulong Period);
