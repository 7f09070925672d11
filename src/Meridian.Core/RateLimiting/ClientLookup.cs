namespace Meridian.Core.RateLimiting;

/// <summary>How <see cref="ClientTable.Locate"/> placed a client.</summary>
public enum ClientLookup
{
    /// <summary>The client's own record.</summary>
    Found,

    /// <summary>A new record, in an empty way or the way of the record that mattered least.</summary>
    New,

    /// <summary>
    /// Every way of the client's bucket holds a record that matters (see <see cref="ClientTable"/>):
    /// the client gets no record, and the returned reference is scratch space outside the table.
    /// </summary>
    Overflow,
}
