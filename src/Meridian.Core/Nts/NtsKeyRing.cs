namespace Meridian.Core.Nts;

/// <summary>
/// The master keys a server keeps, newest first (immutable; published by reference swap in
/// <see cref="NtsKeyRingCell"/>). New cookies are sealed under <see cref="Current"/>; a cookie opens
/// while its key is still in the ring, so with <see cref="KeptKeys"/> keys rotated every
/// <see cref="RotationSeconds"/> a cookie stays valid for at least (KeptKeys − 1) rotation intervals.
/// </summary>
public sealed class NtsKeyRing
{
    /// <summary>The current key and the two before it (chrony keeps three too).</summary>
    public const int KeptKeys = 3;

    /// <summary>chrony's <c>ntsrotate</c> default is a week; Meridian rotates daily unless told otherwise.</summary>
    public const long DefaultRotationSeconds = 86_400;

    private readonly NtsMasterKey[] _keys;

    public NtsKeyRing(IEnumerable<NtsMasterKey> newestFirst, long rotationSeconds)
    {
        _keys = newestFirst.Take(KeptKeys).ToArray();
        if (_keys.Length == 0)
        {
            throw new ArgumentException("a key ring holds at least one key", nameof(newestFirst));
        }

        if (_keys.Any(k => k.Key.Length != NtsMasterKey.KeyLength))
        {
            throw new ArgumentException($"a master key is {NtsMasterKey.KeyLength} bytes", nameof(newestFirst));
        }

        RotationSeconds = rotationSeconds;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<NtsMasterKey> Keys => _keys;

    public NtsMasterKey Current => _keys[0];

    /// <summary>Seconds between rotations; 0 or less never rotates.</summary>
    public long RotationSeconds { get; }

    /// <summary>The shortest time a cookie issued under the current key stays valid.</summary>
    public long CookieLifetimeSeconds => RotationSeconds > 0 ? (KeptKeys - 1) * RotationSeconds : long.MaxValue;

    /// <summary>The key with this id, or null (no allocation: a loop over at most three keys).</summary>
    public NtsMasterKey? Find(uint id)
    {
        foreach (NtsMasterKey key in _keys)
        {
            if (key.Id == id)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the current key is older than the rotation interval, or was made more than an
    /// interval in the future (the clock was stepped back): a key never outlives its interval by much.
    /// </summary>
    public bool IsRotationDue(long nowUnixSeconds) =>
        RotationSeconds > 0 && Math.Abs(nowUnixSeconds - Current.CreatedUnixSeconds) >= RotationSeconds;

    /// <summary>The next key's id: one more than the current one (the edge gives the first).</summary>
    public uint NextId => unchecked(Current.Id + 1);

    /// <summary>The ring with <paramref name="fresh"/> as current; the oldest key beyond <see cref="KeptKeys"/> is dropped.</summary>
    public NtsKeyRing Rotate(NtsMasterKey fresh) => new(_keys.Prepend(fresh), RotationSeconds);

    /// <summary>The same keys with another rotation interval (a reload).</summary>
    public NtsKeyRing WithRotation(long rotationSeconds) => new(_keys, rotationSeconds);
}
