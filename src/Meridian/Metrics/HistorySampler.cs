using Meridian.Control;

namespace Meridian.Metrics;

/// <summary>The history's one writer: a background thread that records a sample at each whole second until disposed.</summary>
public sealed class HistorySampler : IDisposable
{
    private readonly HistoryRecorder _recorder;
    private readonly Func<StatusReport> _sample;
    private readonly Action<string> _log;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public HistorySampler(HistoryRecorder recorder, Func<StatusReport> sample, Action<string> log)
    {
        _recorder = recorder;
        _sample = sample;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "meridian-history" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    /// <summary>One sample per whole second, stamped with that second: times strictly increase even when a wait ends early or late.</summary>
    private void Run()
    {
        long next = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000) + 1;
        while (true)
        {
            long wait = (next * 1000) - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (_stop.Wait((int)Math.Clamp(wait, 0, 1000)))
            {
                return;
            }

            long second = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000;
            if (second < next - 1)
            {
                next = second; // the clock was stepped back: follow it rather than wait for the old time
            }

            if (second < next)
            {
                continue; // woke before the second began
            }

            try
            {
                _recorder.Record(second, _sample());
            }
            catch (Exception e)
            {
                _log($"history sample failed: {e.Message}"); // never ends the sampler
            }

            next = second + 1;
        }
    }
}
