/** Headless, without the sandbox or the GPU, and without the browser's background traffic. */
export declare const chromiumLaunchOptions: {
  executablePath: string;
  args: string[];
};
