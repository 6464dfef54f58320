using System.Runtime.Versioning;
using System.Text.Json;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

[SupportedOSPlatform("linux")]
public class CgroupStatsJsonTests
{
    [Fact]
    public void Field_names_are_runcs_and_zero_values_are_omitted_like_go_omitempty()
    {
        var stats = new CgroupStats();
        stats.Cpu.Usage.Total = 5;
        stats.Cpu.Usage.Percpu = [2, 3];
        stats.Cpu.Throttling.ThrottledPeriods = 1;
        stats.Memory.Usage = new MemoryEntry { Usage = 10, Limit = 20 };
        stats.Memory.Raw = new() { ["cache"] = 1 };
        stats.Pids.Current = 3;
        stats.Blkio.IoServiceBytesRecursive = [new BlkioEntry { Major = 8, Op = "Read", Value = 7 }];
        stats.Hugetlb["2MB"] = new HugetlbStats { Usage = 4 };

        var json = JsonSerializer.Serialize(stats, CgroupStatsJsonContext.Default.CgroupStats);

        var expected =
            "{'cpu':{'usage':{'total':5,'percpu':[2,3],'kernel':0,'user':0},'throttling':{'throttledPeriods':1}},"
            + "'cpuset':{'cpu_exclusive':0,'mem_hardwall':0,'mem_exclusive':0,'memory_migrate':0,'memory_spread_page':0,"
            + "'memory_spread_slab':0,'memory_pressure':0,'sched_load_balance':0,'sched_relax_domain_level':0},"
            + "'memory':{'usage':{'limit':20,'usage':10,'failcnt':0},'swap':{'limit':0,'failcnt':0},"
            + "'kernel':{'limit':0,'failcnt':0},'kernelTCP':{'limit':0,'failcnt':0},'raw':{'cache':1}},"
            + "'pids':{'current':3},'blkio':{'ioServiceBytesRecursive':[{'major':8,'op':'Read','value':7}]},"
            + "'hugetlb':{'2MB':{'usage':4,'failcnt':0}}}";
        json.Should().Be(expected.Replace('\'', '"'));
    }

    [Fact]
    public void Stats_round_trip()
    {
        var stats = new CgroupStats();
        stats.Memory.Swap = new MemoryEntry { Usage = 1, Max = 2, Failcnt = 3, Limit = 4 };
        stats.Cpu.Psi = new PsiStats { Some = new PsiData { Avg10 = 0.5, Total = 9 } };
        var json = JsonSerializer.Serialize(stats, CgroupStatsJsonContext.Default.CgroupStats);
        var back = JsonSerializer.Deserialize(json, CgroupStatsJsonContext.Default.CgroupStats)!;
        back.Should().BeEquivalentTo(stats);
    }
}
