console.log("not implemented yet");
