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

    private void Run()
    {
        while (!_stop.Wait(1000 - (int)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 1000)))
        {
            try
            {
                _recorder.Record(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), _sample());
            }
            catch (Exception e)
            {
                _log($"history sample failed: {e.Message}"); // never ends the sampler
            }
        }
    }
}
