using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Analysis;

public class UniqueClientCounterTests
{
    private static NetEndpoint Client(uint n, ushort port = 40000) => NetEndpoint.FromIPv4(0x0A00_0000 + n, port);

    private static UniqueClientCounter Observed(uint from, uint count, int repeats = 1)
    {
        var counter = new UniqueClientCounter();
        for (int r = 0; r < repeats; r++)
        {
            for (uint n = from; n < from + count; n++)
            {
                counter.Observe(Client(n, (ushort)(1024 + r)));
            }
        }

        return counter;
    }

    [Fact]
    public void CountsEachAddressOnce_WhateverItsPortsAndRepeats()
    {
        Assert.Equal(UniqueCount.Exact(1000), UniqueClientCounter.Merge([Observed(0, 1000, repeats: 5)]));
    }

    [Fact]
    public void IsExact_UpToTheLimit()
    {
        Assert.Equal(UniqueCount.Exact(UniqueClientCounter.ExactLimit), UniqueClientCounter.Merge([Observed(0, UniqueClientCounter.ExactLimit)]));
    }

    [Theory]
    [InlineData(UniqueClientCounter.ExactLimit + 1)]
    [InlineData(100_000)]
    [InlineData(2_000_000)]
    public void Estimates_PastTheLimit_WithinThreeStandardErrors(int clients)
    {
        UniqueCount count = UniqueClientCounter.Merge([Observed(0, (uint)clients, repeats: 2)]);

        Assert.True(count.IsEstimate);
        Assert.Equal(0.0081, count.RelativeError, 4);
        Assert.InRange(count.Value, clients * (1 - (3 * count.RelativeError)), clients * (1 + (3 * count.RelativeError)));
    }

    [Fact]
    public void IPv6Clients_AreCountedByTheirWholeAddress()
    {
        var counter = new UniqueClientCounter();
        Span<byte> address = stackalloc byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        for (byte n = 1; n <= 10; n++)
        {
            address[15] = n;
            counter.Observe(NetEndpoint.FromIPv6(address, 123));
        }

        Assert.Equal(UniqueCount.Exact(10), UniqueClientCounter.Merge([counter]));
    }

    [Fact]
    public void Merging_CountsAClientSeenByTwoLoopsOnce()
    {
        Assert.Equal(UniqueCount.Exact(1500), UniqueClientCounter.Merge([Observed(0, 1000), Observed(500, 1000)]));
    }

    [Fact]
    public void MergingEstimates_CountsTheOverlapOnce()
    {
        UniqueCount count = UniqueClientCounter.Merge([Observed(0, 60_000), Observed(30_000, 60_000)]);

        Assert.True(count.IsEstimate);
        Assert.InRange(count.Value, 90_000 * (1 - (3 * count.RelativeError)), 90_000 * (1 + (3 * count.RelativeError)));
    }

    [Fact]
    public void Observing_AllocatesNothing()
    {
        var counter = Observed(0, 20_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint n = 0; n < 20_000; n++)
        {
            counter.Observe(Client(n));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
