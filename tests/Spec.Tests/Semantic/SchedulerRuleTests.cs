using Runc.Sharp.Spec.Validation;
using Xunit;
using static Runc.Sharp.Spec.Tests.Semantic.SemanticTestKit;

namespace Runc.Sharp.Spec.Tests.Semantic;

public sealed class SchedulerRuleTests
{
    [Theory]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_OTHER","nice":-20}}}""")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_BATCH","nice":19,"flags":["SCHED_FLAG_RESET_ON_FORK"]}}}""")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_FIFO","priority":50}}}""")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_RR","priority":99}}}""")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_DEADLINE","runtime":10000000,"deadline":20000000,"period":30000000}}}""")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_IDLE","flags":["SCHED_FLAG_RECLAIM","SCHED_FLAG_DL_OVERRUN","SCHED_FLAG_KEEP_POLICY","SCHED_FLAG_KEEP_PARAMS","SCHED_FLAG_UTIL_CLAMP_MIN","SCHED_FLAG_UTIL_CLAMP_MAX"]}}}""")]
    public void Valid(string patch) => Validate(patch).ShouldBeClean();

    [Theory]
    [InlineData("""{"process":{"scheduler":{"nice":1}}}""", "$.process.scheduler.policy", "scheduler policy is required")]
    [InlineData("""{"process":{"scheduler":{"policy":""}}}""", "$.process.scheduler.policy", "scheduler policy is required")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_FAST"}}}""", "$.process.scheduler.policy", "unknown scheduler policy \"SCHED_FAST\"")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_OTHER","nice":20}}}""", "$.process.scheduler.nice", "nice 20 is outside the range -20..19")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_OTHER","priority":5}}}""", "$.process.scheduler.priority", "can only be set for SCHED_FIFO or SCHED_RR")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_FIFO"}}}""", "$.process.scheduler.priority", "needs a priority in 1..99, got 0")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_RR","priority":100}}}""", "$.process.scheduler.priority", "needs a priority in 1..99")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_OTHER","runtime":1000}}}""", "$.process.scheduler", "can only be set for SCHED_DEADLINE")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_DEADLINE","runtime":3000,"deadline":2000}}}""", "$.process.scheduler.runtime", "must not exceed deadline")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_DEADLINE","runtime":1000,"deadline":3000,"period":2000}}}""", "$.process.scheduler.deadline", "must not exceed period")]
    [InlineData("""{"process":{"scheduler":{"policy":"SCHED_OTHER","flags":["SCHED_FLAG_TURBO"]}}}""", "$.process.scheduler.flags[0]", "unknown scheduler flag")]
    public void Invalid(string patch, string path, string fragment) =>
        Validate(patch).ShouldReport(Severity.Error, path, fragment);
}
