using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Serving;

/// <summary>The server state and the served-clock correction reach the serving threads together.</summary>
public class ServerStateCellTests
{
    [Fact]
    public void HandsAReaderTheStateAndCorrectionPublishedTogether()
    {
        var cell = new ServerStateCell(ServerState.Unsynchronized(-20));
        ServerState state = ServerState.LocalClock(2, -20, NtpTimestamp.Zero);
        var correction = new ClockCorrection(MonotonicTime.Zero, 0.25, 0, 0, MonotonicTime.Zero, 1);

        cell.Publish(state, correction);

        ServedSnapshot snapshot = cell.Current;
        Assert.Same(state, snapshot.State);
        Assert.Same(correction, snapshot.Correction);
    }

    [Fact]
    public void KeepsASnapshotAlreadyReadWhole_WhenANewOneIsPublished()
    {
        var cell = new ServerStateCell(ServerState.LocalClock(1, -20, NtpTimestamp.Zero));
        ServedSnapshot read = cell.Current;

        cell.Publish(ServerState.LocalClock(2, -20, NtpTimestamp.Zero), new ClockCorrection(MonotonicTime.Zero, 1, 0, 0, MonotonicTime.Zero, 1));

        Assert.Equal(1, read.State.Stratum);
        Assert.Same(ClockCorrection.None, read.Correction);
    }

    /// <summary>
    /// The writer publishes pairs whose state and correction carry the same generation (the
    /// reference timestamp's seconds and the correction's epoch); a reader on another thread checks
    /// every snapshot it reads. With the state and the correction in two cells the reader would see
    /// a new correction with an old state between the two writes.
    /// </summary>
    [Fact]
    public void NeverHandsAReaderANewCorrectionWithAnOldState()
    {
        const int Generations = 200_000;
        var cell = new ServerStateCell(Generation(0).State, Generation(0).Correction);
        int mismatches = 0;
        var reader = new Thread(() =>
        {
            // Reads until it sees the last generation, so it reads at least once and ends by itself.
            ServedSnapshot snapshot;
            do
            {
                snapshot = cell.Current;
                if ((long)(snapshot.State.ReferenceTimestamp.Value >> 32) != snapshot.Correction.Epoch)
                {
                    mismatches++;
                }
            }
            while (snapshot.Correction.Epoch != Generations);
        });

        reader.Start();
        for (int generation = 1; generation <= Generations; generation++)
        {
            ServedSnapshot next = Generation(generation);
            cell.Publish(next.State, next.Correction);
        }

        reader.Join();
        Assert.Equal(0, mismatches);
    }

    private static ServedSnapshot Generation(int generation) => new(
        ServerState.LocalClock(2, -20, new NtpTimestamp((ulong)generation << 32)),
        new ClockCorrection(MonotonicTime.Zero, generation, 0, 0, MonotonicTime.Zero, generation));
}
