using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Serving;

public class ReceiveBufferSizingTests
{
    [Fact]
    public void HoldsWhatTheWorkerReadsWithinTheBound_AtTheKernelsTrueSize()
    {
        // 4 × 250 000/s × 10 ms = 10 000 datagrams × 832 bytes, halved because the kernel doubles SO_RCVBUF.
        Assert.Equal(4_160_000, ReceiveBufferSizing.Bytes(250_000, new RequestAge(0.010)));
    }

    [Theory]
    [InlineData(1000, 0.010, ReceiveBufferSizing.MinimumBytes)]
    [InlineData(250_000, 0.001, 416_000)]
    [InlineData(0, 0.010, ReceiveBufferSizing.MinimumBytes)]
    [InlineData(400_000, 1.0, ReceiveBufferSizing.MaximumBytes)]
    public void StaysBetweenTheKernelDefaultAnd16MiB(double rate, double bound, int expected)
    {
        Assert.Equal(expected, ReceiveBufferSizing.Bytes(rate, new RequestAge(bound)));
    }

    [Theory]
    [InlineData(1_000_000, 1_200_000, false)]
    [InlineData(1_000_000, 1_300_000, true)]
    [InlineData(1_000_000, 700_000, true)]
    public void ChangesTheBuffer_OnlyWhenMoreThanAQuarterOff(int current, int wanted, bool change)
    {
        Assert.Equal(change, ReceiveBufferSizing.WorthChanging(current, wanted));
    }

    [Fact]
    public void MeasuresTheRate_OverWholeWindowsOfBusyTime()
    {
        var rate = new ServiceRate();
        for (int i = 0; i < ServiceRate.WindowDatagrams / 32 - 1; i++)
        {
            rate.Add(32, 32 / 200_000.0);
        }

        Assert.Null(rate.PerSecond);
        rate.Add(32, 32 / 200_000.0);
        Assert.Equal(200_000, rate.PerSecond!.Value, 3);
    }
}
