namespace Meridian.Control;

/// <summary>The control socket could not be created or queried; the message names the path and the reason.</summary>
public sealed class ControlSocketException(string message, Exception? inner = null) : Exception(message, inner);
