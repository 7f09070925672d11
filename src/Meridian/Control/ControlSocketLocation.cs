using Meridian.Configuration;

namespace Meridian.Control;

/// <summary>
/// Where the CLI finds the running server's control socket: <c>--socket PATH</c>; else the
/// <c>controlsocket</c> of <c>--config FILE</c>; else that of the installed configuration
/// (<see cref="InstalledConfig"/>) when it exists; else the default path.
/// </summary>
public static class ControlSocketLocation
{
    public const string InstalledConfig = "/etc/meridian/meridian.conf";

    /// <summary>The socket path, or null with the reason when the named configuration cannot be read.</summary>
    public static string? Resolve(string? socket, string? config, string installedConfig, out string? problem)
    {
        problem = null;
        if (socket is not null)
        {
            return socket;
        }

        string? file = config ?? (File.Exists(installedConfig) ? installedConfig : null);
        if (file is null)
        {
            return ControlDefaults.SocketPath;
        }

        try
        {
            return ConfigLoader.LoadFile(file).ControlSocket ?? ControlDefaults.SocketPath;
        }
        catch (ConfigException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
