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
    Console.WriteLine(LoadStep.Run(options, rate));
}

return 0;
