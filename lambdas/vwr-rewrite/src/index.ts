export {
  type CloudFrontFunction,
  type CloudFrontFunctionEvent,
  functionFile,
  loadCloudFrontFunction,
  staticRoot,
} from './load-function.js';
