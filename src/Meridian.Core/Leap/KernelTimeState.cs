namespace Meridian.Core.Leap;

/// <summary>The kernel clock's leap state machine as <c>adjtimex</c> returns it (Linux TIME_OK … TIME_ERROR).</summary>
public enum KernelTimeState
{
    Ok = 0,
    Insert = 1,
    Delete = 2,

    /// <summary>Inside the inserted second.</summary>
    Oop = 3,

    /// <summary>A leap has happened; waiting for the leap bits to be cleared.</summary>
    Wait = 4,
    Error = 5,
}
