using System.Net;

namespace Meridian.Net.Nts;

/// <summary>
/// Per client address token buckets for NTS-KE (a TLS handshake costs the server a signature, a
/// flood of them is the cheap attack): a burst, then one key establishment per interval. The table
/// is bounded; when full, the address seen longest ago is forgotten. Called once per connection,
/// off the NTP serving path, so a lock is fine here.
/// </summary>
internal sealed class NtsKeRateLimiter(int burst, TimeSpan interval, int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, LinkedListNode<Bucket>> _buckets = [];
    private readonly LinkedList<Bucket> _byAge = new();

    /// <summary>Takes a token for <paramref name="client"/> at monotonic time <paramref name="now"/>; false when it has none left.</summary>
    public bool TryTake(IPAddress client, TimeSpan now)
    {
        lock (_gate)
        {
            if (_buckets.TryGetValue(client, out LinkedListNode<Bucket>? node))
            {
                _byAge.Remove(node);
            }
            else
            {
                if (_buckets.Count >= capacity && _byAge.First is LinkedListNode<Bucket> oldest)
                {
                    _byAge.RemoveFirst();
                    _buckets.Remove(oldest.Value.Client);
                }

                node = new LinkedListNode<Bucket>(new Bucket(client, burst, now));
                _buckets[client] = node;
            }

            _byAge.AddLast(node);
            Bucket bucket = node.Value;
            double refill = interval > TimeSpan.Zero ? (now - bucket.Updated) / interval : burst;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + refill);
            bucket.Updated = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private sealed class Bucket(IPAddress client, double tokens, TimeSpan updated)
    {
        public IPAddress Client { get; } = client;

        public double Tokens { get; set; } = tokens;

        public TimeSpan Updated { get; set; } = updated;
    }
}
