using Meridian.LoadGen;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"meridian-loadgen: {e.Message}");
    return 2;
}

Console.WriteLine($"server {options.Server}, {options.Sources} sources in 127.43.0.0/16, {options.Seconds} s per step");
Console.WriteLine(StepResult.Header);
foreach (int rate in options.Rates)
{
    var before = options.ControlSocket is string control ? Meridian.LoadGen.ServerStatus.TransmitErrors(control) : null;
    StepResult result = LoadStep.Run(options, rate);
    var step = options.ControlSocket is string after && before is not null ? Meridian.LoadGen.ServerStatus.TransmitErrors(after).Since(before) : null;
    Console.WriteLine($"{result} {Meridian.LoadGen.ServerStatus.Format(step)}");
}

return 0;
