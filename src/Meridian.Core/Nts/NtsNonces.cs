namespace Meridian.Core.Nts;

/// <summary>
/// Nonce bytes for one serving loop, drawn from a buffer the edge's random source refills in bulk
/// (one call per several hundred nonces instead of one per cookie). Random rather than a counter:
/// a cookie's nonce travels in the clear, and a counter would let an observer link a client's
/// cookies (RFC 8915 §6 asks for unlinkable cookies); with SIV a repeated nonce would reveal only
/// that two cookies are equal, never a key. One owner.
/// </summary>
public sealed class NtsNonces(NtsRandomFill fill, int capacity = NtsNonces.DefaultCapacity)
{
    /// <summary>8 KiB: a refill covers at least one batch of 32 requests with nine nonces each (4 608 bytes).</summary>
    public const int DefaultCapacity = 8192;

    private readonly byte[] _bytes = new byte[capacity];
    private int _used = capacity;

    public int Available => _bytes.Length - _used;

    /// <summary>Refills the buffer when fewer than <paramref name="needed"/> bytes are left (between batches).</summary>
    public void EnsureAvailable(int needed)
    {
        if (Available < needed)
        {
            fill(_bytes);
            _used = 0;
        }
    }

    /// <summary>The next <paramref name="length"/> unused bytes (never handed out twice), or empty when the buffer is spent.</summary>
    public ReadOnlySpan<byte> Take(int length)
    {
        if (Available < length)
        {
            return default;
        }

        ReadOnlySpan<byte> nonce = _bytes.AsSpan(_used, length);
        _used += length;
        return nonce;
    }
}
