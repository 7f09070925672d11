using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Fuzzing;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// The synchronizer's reply path over random replies and mutations of the real responder's replies
/// and kisses (bit flips, extreme fields, cut and lengthened datagrams, replays, replies credited to
/// the wrong source), through its public API only: nothing throws; a reply that is not a mode-4
/// answer of version 1–4 to the pending request is ignored without changing anything; an accepted
/// one leaves finite offset, delay and jitter; and the published state stays consistent.
/// Set MERIDIAN_SEED to replay a failure, MERIDIAN_FUZZ_SCALE to run more cases.
/// </summary>
public class UpstreamReplyFuzzTests
{
    private const double OneWay = 0.001;
    private const int MaxTimerSteps = 10_000;

    private static readonly ReferenceId[] Kisses = [KissCode.Rate, KissCode.Deny, KissCode.Rstr, new(0x494E4954), new(0x58585858)];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void IgnoresWhatIsNotTheAnswer_AndKeepsEveryFigureFinite_ForRandomAndMutatedReplies()
    {
        var run = FuzzRun.Start(defaultSeed: 20261207, defaultCases: 600);
        long accepted = 0, ignored = 0, synchronized = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            var exchange = new FuzzedExchanges(run.Random);
            run.Check(i, () => "last reply " + Convert.ToHexString(exchange.LastReply), exchange.Run);
            accepted += exchange.Accepted;
            ignored += exchange.Ignored;
            synchronized += exchange.Synchronized ? 1 : 0;
        }

        // The fuzzing reaches past the reply checks: into the filter, selection and the discipline.
        Assert.True(accepted > 5 * run.Cases && ignored > 5 * run.Cases && synchronized > run.Cases / 10, $"{accepted} replies accepted and {ignored} ignored; {synchronized} of {run.Cases} cases synchronized (MERIDIAN_SEED={run.Seed})");
    }

    /// <summary>One synchronizer with one to four servers, run for 40 to 160 s with every reply drawn at random.</summary>
    private sealed class FuzzedExchanges
    {
        private readonly Random _random;
        private readonly Synchronizer _synchronizer;
        private readonly double[] _errors;
        private readonly double _duration;
        private readonly int _badPercent;
        private readonly Dictionary<int, (byte[] Transmit, bool Answered)> _pending = [];
        private double _now;

        public FuzzedExchanges(Random random)
        {
            _random = random;
            int servers = random.Next(1, 5);
            _errors = [.. Enumerable.Range(0, servers).Select(_ => random.Next(16) switch { 0 => 2000, 1 => 0.5, _ => (random.NextDouble() - 0.5) * 0.01 })];
            var discipline = random.Next(3) == 0 ? new DisciplineOptions(PanicThreshold: 0) : random.Next(2) == 0 ? new DisciplineOptions(StepThreshold: 0) : new DisciplineOptions();
            var options = new SynchronizerOptions(
                [.. Enumerable.Range(0, servers).Select(s => SyncHarness.Server($"s{s}.example", new SourceOptions(MinPoll: random.Next(3, 7), Iburst: random.Next(8) != 0)))],
                discipline,
                MinSane: random.Next(1, 3),
                LocalStratum: random.Next(2) == 0 ? null : random.Next(1, 16));
            _synchronizer = new Synchronizer(options, new SimRandom(random.Next()));
            _duration = random.Next(40, 160);
            _badPercent = random.Next(2) == 0 ? 5 : 50;
        }

        public byte[] LastReply { get; private set; } = [];

        public long Accepted { get; private set; }

        public long Ignored { get; private set; }

        /// <summary>The synchronizer selected a system peer and disciplined the clock at some point.</summary>
        public bool Synchronized { get; private set; }

        public void Run()
        {
            SyncStep step = Apply(_synchronizer.HandleTimer(SyncHarness.At(_now)));
            for (int steps = 0; _now < _duration; steps++)
            {
                Assert.True(steps < MaxTimerSteps, $"more than {MaxTimerSteps} timer steps in {_duration} s");
                _now = Math.Max(_now, step.NextDeadline.Nanoseconds / 1e9);
                step = Apply(_synchronizer.HandleTimer(SyncHarness.At(_now)));
            }
        }

        private SyncStep Apply(SyncStep step)
        {
            AssertConsistent(step);
            SyncStep last = step;
            foreach (OutgoingRequest request in step.Requests)
            {
                _pending[request.SourceId] = (request.Packet[NtpHeader.TransmitTimestampOffset..NtpHeader.Size], false);
                last = Exchange(request) ?? last;
            }

            foreach (ResolveRequest resolve in step.Resolves)
            {
                last = Apply(_synchronizer.HandleResolved(resolve.UpstreamIndex, [SyncHarness.Address(resolve.UpstreamIndex + 1)], SyncHarness.At(_now)));
            }

            return last;
        }

        /// <summary>Answers a request with a valid, mutated, random, misdirected or replayed reply (or none).</summary>
        private SyncStep? Exchange(OutgoingRequest request)
        {
            byte[] valid = ValidReply(request);
            // Half the cases mostly well behaved (so sources get selected and the clock disciplined), half hostile.
            int kind = _random.Next(100) < _badPercent ? _random.Next(10) : -1;
            if (kind == 0)
            {
                return null; // lost
            }

            byte[] reply = kind switch
            {
                -1 or 2 or 3 => valid,
                1 => Mutator.RandomBytes(_random, 100),
                _ => Mutator.Mutate(_random, valid, maxMutations: 3),
            };
            int sourceId = kind == 2 ? _random.Next(-1, 6) : request.SourceId;
            _now += 2 * OneWay;
            SyncStep step = Deliver(sourceId, reply);
            if (kind == 3)
            {
                step = Deliver(sourceId, reply); // a replay
            }

            return step;
        }

        private SyncStep Deliver(int sourceId, byte[] reply)
        {
            LastReply = reply;
            LocalTime at = SyncHarness.At(_now);
            bool acceptable = IsAnswerToPending(sourceId, reply);
            SyncSnapshot before = _synchronizer.Snapshot(at);
            SyncStep step = _synchronizer.HandleResponse(sourceId, reply, at);
            SyncSnapshot after = _synchronizer.Snapshot(at);

            Assert.Empty(step.Requests);
            Assert.Empty(step.Resolves);
            if (!acceptable)
            {
                Ignored++;
                Assert.Empty(step.Events);
                Assert.True(before with { Sources = [] } == after with { Sources = [] } && before.Sources.SequenceEqual(after.Sources), "a reply that is not the answer changed the state");
            }
            else
            {
                Accepted++;
                _pending[sourceId] = _pending[sourceId] with { Answered = true };
                SourceSnapshot row = after.Sources.Single(s => s.Remote == $"s{sourceId}.example");
                bool kiss = reply[1] == 0;
                Assert.True(kiss || (row.WhenSeconds == 0 && (row.Reach & 1) == 1), $"an answer left the source at reach {row.Reach}, last heard {row.WhenSeconds} s ago");
            }

            AssertConsistent(step);
            AssertConsistent(after);
            Synchronized |= after.State == "synchronized";
            return step;
        }

        /// <summary>The oracle, from the bytes alone: a mode-4 reply of version 1–4 whose origin is the pending request's transmit.</summary>
        private bool IsAnswerToPending(int sourceId, byte[] reply) =>
            _pending.TryGetValue(sourceId, out var pending) && !pending.Answered && reply.Length >= NtpHeader.Size
            && NtpHeader.ReadMode(reply) == NtpMode.Server && NtpHeader.ReadVersion(reply) is >= 1 and <= 4
            && reply.AsSpan(NtpHeader.OriginTimestampOffset, 8).SequenceEqual(pending.Transmit);

        /// <summary>The real responder's reply (or, one time in forty, kiss) from a server whose clock is off by its error.</summary>
        private byte[] ValidReply(OutgoingRequest request)
        {
            byte[] reply = new byte[request.Packet.Length];
            NtpTimestamp receive = ClockCorrection.Add(SyncHarness.At(_now).System, OneWay + _errors[request.SourceId % _errors.Length]);
            if (_random.Next(40) == 0)
            {
                Responder.WriteKiss(request.Packet, reply, receive, Kisses[_random.Next(Kisses.Length)]);
                return reply;
            }

            Responder.WriteReply(request.Packet, reply, receive, ServerState.LocalClock((byte)_random.Next(1, 3), -20, SyncHarness.At(0).System));
            Responder.StampTransmit(reply, ClockCorrection.Add(receive, 0.0003));
            return reply;
        }

        private static void AssertConsistent(SyncStep step)
        {
            ServerState state = step.State;
            Assert.True(state.Leap == LeapIndicator.Unsynchronized || state.Stratum is >= 1 and <= 15, $"serving {state.Leap} at stratum {state.Stratum}");
            ClockCorrection c = step.Correction;
            Assert.True(double.IsFinite(c.BaseSeconds) && double.IsFinite(c.Frequency) && double.IsFinite(c.SlewRate), $"correction {c}");
            Assert.True(Math.Abs(c.Frequency) <= Rfc5905.MaxFrequency, $"frequency {c.Frequency}");
        }

        private static void AssertConsistent(SyncSnapshot s)
        {
            Assert.True(double.IsFinite(s.OffsetMs) && double.IsFinite(s.FrequencyPpm) && double.IsFinite(s.RootDelayMs) && double.IsFinite(s.RootDispersionMs), $"snapshot {s}");
            Assert.InRange(s.Stratum, 1, Rfc5905.MaxStratum);
            Assert.True(s.State != "synchronized" || (s.SystemPeer is not null && s.Stratum < Rfc5905.MaxStratum), $"{s.State} with peer {s.SystemPeer} at stratum {s.Stratum}");
            Assert.True(s.SystemPeer is null || s.Sources.Any(r => r.Remote == s.SystemPeer), $"system peer {s.SystemPeer} is not a source");
            Assert.True(s.Sources.Count(r => r.Tally == Tally.SystemPeer) <= 1, "more than one system peer");
            foreach (SourceSnapshot row in s.Sources)
            {
                Assert.True(double.IsFinite(row.DelayMs) && row.DelayMs >= 0 && double.IsFinite(row.OffsetMs) && double.IsFinite(row.JitterMs) && row.JitterMs >= 0, $"source {row}");
                Assert.True(row.WhenSeconds is null || (double.IsFinite(row.WhenSeconds.Value) && row.WhenSeconds >= 0), $"source {row}");
            }
        }
    }
}
