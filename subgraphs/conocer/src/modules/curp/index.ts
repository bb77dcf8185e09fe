export { CurpVault, type SealedCurp } from './curp-vault';
