using System.Runtime.Versioning;
using FluentAssertions;
using Runc.Sharp.Runtime.Cgroups;
using Runc.Sharp.Runtime.Diagnostics;
using Xunit;

namespace Runc.Sharp.Runtime.Tests.Cgroups;

[SupportedOSPlatform("linux")]
public class CgroupV2ConversionsTests
{
    [Theory]
    [InlineData(0UL, 0UL)] // unset
    [InlineData(1UL, 1UL)] // below the minimum
    [InlineData(2UL, 1UL)] // minimum
    [InlineData(3UL, 2UL)] // just above the minimum
    [InlineData(512UL, 59UL)]
    [InlineData(1024UL, 100UL)] // default shares → default weight
    [InlineData(262143UL, 10000UL)] // just below the maximum
    [InlineData(262144UL, 10000UL)] // maximum
    [InlineData(262145UL, 10000UL)] // above the maximum
    public void Cpu_shares_map_to_weight_like_runc(ulong shares, ulong weight) =>
        CgroupV2Conversions.CpuSharesToWeight(shares).Should().Be(weight);

    [Theory]
    [InlineData((ushort)0, 0UL)]
    [InlineData((ushort)10, 1UL)]
    [InlineData((ushort)500, 4950UL)]
    [InlineData((ushort)750, 7475UL)]
    [InlineData((ushort)1000, 10000UL)]
    public void Blkio_weight_maps_to_io_weight(ushort blkio, ulong io) =>
        CgroupV2Conversions.BlkioWeightToIoWeight(blkio).Should().Be(io);

    [Theory]
    [InlineData(0L, 0L, 0L)] // nothing set
    [InlineData(-1L, 0L, -1L)] // unlimited swap as given
    [InlineData(-1L, -1L, -1L)]
    [InlineData(0L, -1L, -1L)] // unlimited memory, swap not given: unlimited swap
    [InlineData(-1L, 1000L, -1L)]
    [InlineData(1000L, 1000L, 0L)] // memory+swap == memory: no swap
    [InlineData(500L, 200L, 300L)] // v1 memsw 500 with memory 200: 300 of swap
    [InlineData(500L, -1L, 500L)] // unlimited memory: swap as is
    public void Memory_swap_is_converted_from_memory_plus_swap(long memsw, long memory, long expected) =>
        CgroupV2Conversions.MemorySwapToV2(memsw, memory).Should().Be(expected);

    [Theory]
    [InlineData(-2L, 0L)]
    [InlineData(300L, 400L)] // memsw below memory
    [InlineData(300L, 0L)] // swap without memory
    [InlineData(300L, -5L)]
    public void Impossible_swap_settings_are_refused(long memsw, long memory)
    {
        var act = () => CgroupV2Conversions.MemorySwapToV2(memsw, memory);
        act.Should().Throw<RuntimeException>();
    }
}
