using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// Turns the synchronization state into events once per change: synchronized, holdover (still
/// serving, but the system peer no longer answers) and unsynchronized; a source becoming unreachable
/// (its reach register empty: eight polls unanswered), reachable again, or a falseticker. Events
/// about one source, and system peer changes, are logged at most once per <see cref="QuietSeconds"/>
/// for the same source and kind; the next one says how many were held back, so a flapping source
/// cannot flood the log.
/// </summary>
public sealed class SyncStateLog
{
    public const double QuietSeconds = 600;

    private readonly Dictionary<int, (bool Reachable, bool Falseticker)> _sources = [];
    private readonly Dictionary<(SyncEventKind, string?), (MonotonicTime At, int Held)> _lastLogged = [];
    private SyncEventKind? _state;

    internal void Observe(MonotonicTime now, bool synchronized, UpstreamSource? peer, IEnumerable<UpstreamSource> sources, List<SyncEvent> events)
    {
        foreach (UpstreamSource source in sources)
        {
            bool reachable = source.IsReachable;
            bool falseticker = source.Tally == Tally.Falseticker;
            if (_sources.TryGetValue(source.Id, out var was))
            {
                if (was.Reachable && !reachable)
                {
                    events.Add(new SyncEvent(SyncEventKind.SourceUnreachable, source.Name, 0, $"{source.Name}: unreachable (no answer to the last 8 polls)"));
                }
                else if (!was.Reachable && reachable)
                {
                    events.Add(new SyncEvent(SyncEventKind.SourceReachable, source.Name, 0, $"{source.Name}: reachable again"));
                }

                if (!was.Falseticker && falseticker)
                {
                    events.Add(new SyncEvent(SyncEventKind.SourceFalseticker, source.Name, 0, $"{source.Name}: falseticker (disagrees with the majority), not used"));
                }
            }

            _sources[source.Id] = (reachable, falseticker);
        }

        SyncEventKind state = !synchronized ? SyncEventKind.Unsynchronized
            : peer is null || !peer.IsReachable ? SyncEventKind.Holdover
            : SyncEventKind.Synchronized;
        if (state != _state && (_state is not null || state != SyncEventKind.Unsynchronized))
        {
            events.Add(state switch
            {
                SyncEventKind.Synchronized => new SyncEvent(state, peer?.Name, 0, $"synchronized to {peer?.Name}"),
                SyncEventKind.Holdover => new SyncEvent(state, null, 0, "holdover: the system peer stopped answering; serving the disciplined clock with growing root dispersion"),
                _ => new SyncEvent(state, null, 0, "unsynchronized: no source fit to follow, clients are told"),
            });
        }

        _state = state;
        Limit(now, events);
    }

    private void Limit(MonotonicTime now, List<SyncEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            SyncEvent e = events[i];
            if (e.Kind is not (SyncEventKind.SystemPeerChanged or SyncEventKind.SourceUnreachable or SyncEventKind.SourceReachable or SyncEventKind.SourceFalseticker))
            {
                continue;
            }

            var key = (e.Kind, e.Source);
            if (_lastLogged.TryGetValue(key, out var last) && now.SecondsSince(last.At) < QuietSeconds)
            {
                _lastLogged[key] = (last.At, last.Held + 1);
                events.RemoveAt(i--);
                continue;
            }

            int held = _lastLogged.TryGetValue(key, out last) ? last.Held : 0;
            _lastLogged[key] = (now, 0);
            if (held > 0)
            {
                events[i] = e with { Text = $"{e.Text} ({held} more like this in the last {now.SecondsSince(last.At):0} s not logged)" };
            }
        }
    }
}
