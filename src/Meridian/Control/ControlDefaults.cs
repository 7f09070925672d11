namespace Meridian.Control;

/// <summary>Where <c>meridian serve</c> listens for, and the CLI looks for, the control socket.</summary>
public static class ControlDefaults
{
    public const string SocketPath = "/run/meridian/meridian.sock";
}
