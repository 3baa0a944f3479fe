using Telemetry.Uploader;

return await UploaderCommands.Create().Parse(args).InvokeAsync();
